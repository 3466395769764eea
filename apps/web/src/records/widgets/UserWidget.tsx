import type { WidgetProps } from '@rjsf/utils';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../metadata/metadata.queries';

/**
 * A user field: the signed-in user can pick themselves; another user already set stays
 * shown. (A directory search needs a user lookup endpoint open to non-admins.)
 */
export function UserWidget({ id, value, onChange, disabled, readonly }: WidgetProps) {
  const { t } = useTranslation();
  const me = useMe();
  const options = [
    ...(me.data ? [{ value: me.data.user.id, label: `${me.data.user.displayName} (${t('form.me')})` }] : []),
    ...(typeof value === 'string' && value !== me.data?.user.id ? [{ value, label: value.slice(-8) }] : []),
  ];
  return <Select id={id} allowClear value={value ?? undefined} disabled={disabled || readonly} onChange={(v) => onChange(v ?? undefined)} options={options} />;
}
