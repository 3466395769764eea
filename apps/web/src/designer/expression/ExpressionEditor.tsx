import { AutoComplete, Input, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyCompletion, matchCandidates, tokenAt, type CompletionCandidate } from './completion-token';
import { checkExpression, evaluateOnSample, type SampleResult } from './expression-check';
import { JSONATA_FUNCTIONS } from './jsonata-functions';

export interface ExpressionEditorProps {
  value: string;
  onChange(value: string): void;
  /** The fields the expression reads, completed by key or label. */
  fields: Array<{ key: string; label: string }>;
  /** A record to evaluate the expression against; no evaluation when absent. */
  sample?: Record<string, unknown>;
  placeholder?: string;
  /** Variables bound at run time (e.g. `facts`), completed as `$name` and passed when evaluating the sample. */
  bindings?: Record<string, unknown>;
  /** Called when the text box loses focus (screens that save on blur). */
  onBlur?(): void;
  rows?: number;
  'data-testid'?: string;
}

interface Candidate extends CompletionCandidate {
  kind: 'field' | 'function' | 'variable';
}

// Evaluations run after a short pause in typing, not on every key.
const EVALUATE_DELAY_MS = 150;

/**
 * JSONata with completion of field names and `$` functions at the cursor, parse errors at
 * their line and column, and the result on a sample record. Compiles and evaluates through
 * the engine's wrapper with the server's limits, so what passes here passes at publish.
 */
export function ExpressionEditor({ value, onChange, fields, sample, placeholder, bindings, onBlur, rows = 2, 'data-testid': testId }: ExpressionEditorProps) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState(value.length);
  const textarea = () => box.current?.querySelector('textarea') ?? null;
  const readCursor = () => setCursor(textarea()?.selectionStart ?? value.length);

  const candidates = useMemo<Candidate[]>(
    () => [
      ...fields.map((f) => ({ kind: 'field' as const, insert: f.key, label: f.label })),
      ...Object.keys(bindings ?? {}).map((name) => ({ kind: 'variable' as const, insert: `$${name}` })),
      ...JSONATA_FUNCTIONS.map((name) => ({ kind: 'function' as const, insert: `$${name}(` })),
    ],
    [fields, bindings],
  );

  // Each option's value is the whole text after completing, so choosing it is an ordinary change.
  const completions = useMemo(() => {
    const token = tokenAt(value, cursor);
    if (!token) return [];
    const pool = candidates.filter((c) => (token.kind === 'function') === (c.kind !== 'field'));
    return matchCandidates(token, pool).map((c) => ({ ...applyCompletion(value, token, c.insert), candidate: c }));
  }, [value, cursor, candidates]);

  const check = useMemo(() => (value.trim() ? checkExpression(value) : null), [value]);
  const [result, setResult] = useState<SampleResult | null>(null);
  // Screens often build the sample on every render: evaluate again only when its content changes.
  const input = JSON.stringify([sample ?? null, bindings ?? null]);
  useEffect(() => {
    const [record, bound] = JSON.parse(input) as [Record<string, unknown> | null, Record<string, unknown> | null];
    if (!check?.ok || !record) {
      setResult(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void evaluateOnSample(check.compiled, record, bound ?? undefined).then((r) => current && setResult(r));
    }, EVALUATE_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [check, input]);

  const kindLabel = { field: t('designerForms.expression.field'), function: t('designerForms.expression.function'), variable: t('designerForms.expression.variable') };

  return (
    <div ref={box} data-testid={testId} className="expression-editor" onKeyUp={readCursor} onClick={readCursor}>
      <AutoComplete
        style={{ width: '100%' }}
        value={value}
        options={completions.map((c) => ({
          value: c.text,
          label: (
            <span data-testid="expression-completion">
              <Typography.Text code>{c.candidate.insert}</Typography.Text> {c.candidate.label}{' '}
              <Tag style={{ float: 'right' }}>{kindLabel[c.candidate.kind]}</Tag>
            </span>
          ),
        }))}
        onChange={(next: string) => {
          onChange(next);
          setCursor(textarea()?.selectionStart ?? next.length);
        }}
        onSelect={(next: string) => {
          const chosen = completions.find((c) => c.text === next);
          if (!chosen) return;
          setCursor(chosen.cursor);
          // After React has written the new text, put the caret after the inserted name.
          requestAnimationFrame(() => textarea()?.setSelectionRange(chosen.cursor, chosen.cursor));
        }}
        onBlur={onBlur}
        popupMatchSelectWidth
      >
        <Input.TextArea
          autoSize={{ minRows: rows, maxRows: 8 }}
          placeholder={placeholder}
          spellCheck={false}
          status={check && !check.ok ? 'error' : undefined}
          style={{ fontFamily: 'monospace' }}
        />
      </AutoComplete>
      {check && !check.ok && <ParseError text={value} line={check.line} column={check.column} message={check.message} />}
      {check?.ok && result && (
        <div data-testid="expression-result" style={{ marginTop: 4 }}>
          {result.ok ? (
            <Typography.Text type="secondary">
              {t('designerForms.expression.result')}: <Typography.Text code>{formatValue(result.value, t('designerForms.expression.noValue'))}</Typography.Text>
            </Typography.Text>
          ) : (
            <Typography.Text type="danger">
              {t('designerForms.expression.runtimeError')}: {result.message}
            </Typography.Text>
          )}
        </div>
      )}
    </div>
  );
}

/** The erroneous line with a caret under the column JSONata points at. */
function ParseError({ text, line, column, message }: { text: string; line: number; column: number; message: string }) {
  const { t } = useTranslation();
  const source = text.split('\n')[line - 1] ?? '';
  return (
    <div data-testid="expression-error" role="alert" style={{ marginTop: 4 }}>
      <Typography.Text type="danger">
        {t('designerForms.expression.at', { line, column })}: {message}
      </Typography.Text>
      <pre data-testid="expression-error-marker" style={{ margin: '2px 0 0', fontSize: 12, lineHeight: 1.3, overflowX: 'auto' }}>
        {source}
        {'\n'}
        {' '.repeat(column - 1)}^
      </pre>
    </div>
  );
}

function formatValue(value: unknown, empty: string): string {
  if (value === undefined) return empty;
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
