import { InputNumber } from 'antd';
import { useEffect, useState } from 'react';

interface Props {
  value: number | undefined;
  onCommit(value: number | undefined): void;
  min?: number;
  max?: number;
  integer?: boolean;
  'aria-label'?: string;
  'data-testid'?: string;
}

/** A number box that commits on blur or Enter (one undo step), empty meaning "not set". */
export function CommitNumber({ value, onCommit, min, max, integer, ...rest }: Props) {
  const [number, setNumber] = useState<number | null>(value ?? null);
  useEffect(() => setNumber(value ?? null), [value]);
  const commit = () => {
    const next = number ?? undefined;
    if (next !== value) onCommit(next);
  };
  return (
    <InputNumber
      value={number}
      min={min}
      max={max}
      precision={integer ? 0 : undefined}
      style={{ width: '100%' }}
      aria-label={rest['aria-label']}
      data-testid={rest['data-testid']}
      onChange={(v) => setNumber(typeof v === 'number' ? v : null)}
      onBlur={commit}
      onPressEnter={commit}
    />
  );
}
