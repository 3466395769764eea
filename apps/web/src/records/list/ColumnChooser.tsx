import { ArrowDownOutlined, ArrowUpOutlined, SettingOutlined } from '@ant-design/icons';
import type { Field } from '@tessera/metadata';
import { Button, Checkbox, Popover, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';

interface Props {
  /** Every column the list can show. */
  available: Field[];
  /** The shown ones, in order. */
  chosen: string[];
  onChange(columns: string[]): void;
}

/** Which columns show and in which order (kept in the URL and in saved views). */
export function ColumnChooser({ available, chosen, onChange }: Props) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const move = (key: string, by: number) => {
    const i = chosen.indexOf(key);
    const j = i + by;
    if (i < 0 || j < 0 || j >= chosen.length) return;
    const next = [...chosen];
    [next[i], next[j]] = [next[j], next[i]];
    onChange(next);
  };
  const ordered = [...chosen.map((k) => available.find((f) => f.key === k)).filter((f): f is Field => !!f), ...available.filter((f) => !chosen.includes(f.key))];
  const content = (
    <Space orientation="vertical" size={2} data-testid="column-chooser" style={{ maxHeight: 360, overflowY: 'auto' }}>
      {ordered.map((f) => (
        <Space key={f.key} size={4}>
          <Checkbox
            data-testid={`column-${f.key}`}
            checked={chosen.includes(f.key)}
            // At least one column stays.
            disabled={chosen.length === 1 && chosen.includes(f.key)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, f.key] : chosen.filter((k) => k !== f.key))}
          >
            {label(f.label)}
          </Checkbox>
          {chosen.includes(f.key) && (
            <>
              <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={t('lists.moveUp')} onClick={() => move(f.key, -1)} />
              <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={t('lists.moveDown')} onClick={() => move(f.key, 1)} />
            </>
          )}
        </Space>
      ))}
    </Space>
  );
  return (
    <Popover trigger="click" placement="bottomRight" content={content} title={t('lists.columns')}>
      <Button data-testid="columns-button" icon={<SettingOutlined />}>
        {t('lists.columns')}
      </Button>
    </Popover>
  );
}
