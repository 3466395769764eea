import { useEffect, useState } from 'react';
import { ExpressionEditor } from '../expression/ExpressionEditor';

/** A formula in the shared JSONata editor, committed when the editor loses focus (one undo step). */
export function FormulaInput({ value, onCommit, fields }: { value: string; onCommit(value: string): void; fields: Array<{ key: string; label: string }> }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return <ExpressionEditor data-testid="prop-expression" value={text} onChange={setText} onBlur={() => text !== value && onCommit(text)} fields={fields} rows={3} />;
}
