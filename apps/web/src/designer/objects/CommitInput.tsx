import { Input, Typography } from 'antd';
import { useEffect, useState } from 'react';

interface Props {
  value: string;
  /** Called on blur or Enter with a value `check` accepts (one undo step per commit, not per key). */
  onCommit(value: string): void;
  /** A message when the text cannot be used; shown inline as the admin types, nothing is committed. */
  check?(value: string): string | undefined;
  placeholder?: string;
  'aria-label'?: string;
  'data-testid'?: string;
  disabled?: boolean;
}

/** A text box that edits locally and commits once, refusing what `check` refuses before any save. */
export function CommitInput({ value, onCommit, check, placeholder, disabled, ...rest }: Props) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const problem = check?.(text);
  const commit = () => {
    if (problem || text === value) return;
    onCommit(text);
  };
  return (
    <>
      <Input
        value={text}
        status={problem ? 'error' : undefined}
        placeholder={placeholder}
        disabled={disabled}
        aria-label={rest['aria-label']}
        aria-invalid={problem ? true : undefined}
        data-testid={rest['data-testid']}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onPressEnter={commit}
      />
      {problem && (
        <Typography.Text type="danger" data-testid={rest['data-testid'] ? `${rest['data-testid']}-error` : undefined}>
          {problem}
        </Typography.Text>
      )}
    </>
  );
}
