import type { ObjectDefinition } from '@tessera/metadata';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A quote-like object exercising most field types; not a shipped pack. */
export const quoteObject: ObjectDefinition = {
  kind: 'object',
  key: 'quote',
  label: l('报价单', 'Quote'),
  titleField: 'number',
  fields: [
    { key: 'number', type: 'autonumber', label: l('编号', 'Number'), pattern: 'Q-{YYYY}-{seq:6}' },
    { key: 'title', type: 'text', label: l('标题', 'Title'), required: true, maxLength: 20 },
    { key: 'amount', type: 'currency', label: l('金额', 'Amount'), required: true, min: 0 },
    { key: 'cost', type: 'currency', label: l('成本', 'Cost') },
    { key: 'tax_rate', type: 'percent', label: l('税率', 'Tax rate'), default: 13 },
    { key: 'amount_with_tax', type: 'formula', label: l('含税金额', 'Amount incl. tax'), resultType: 'currency', expression: 'amount * (1 + tax_rate / 100)' },
    { key: 'margin', type: 'formula', label: l('毛利', 'Margin'), resultType: 'currency', expression: 'amount_with_tax - cost' },
    { key: 'status', type: 'select', label: l('状态', 'Status'), options: [{ value: 'draft', label: l('草稿', 'Draft') }, { value: 'sent', label: l('已发送', 'Sent') }] },
    { key: 'tags', type: 'multiselect', label: l('标签', 'Tags'), options: [{ value: 'urgent', label: l('紧急', 'Urgent') }, { value: 'export', label: l('出口', 'Export') }] },
    { key: 'valid_until', type: 'date', label: l('有效期', 'Valid until') },
    { key: 'customer', type: 'relation', label: l('客户', 'Customer'), target: 'customer' },
    { key: 'contact_email', type: 'email', label: l('邮箱', 'E-mail') },
    { key: 'where', type: 'geopoint', label: l('位置', 'Location') },
    { key: 'files', type: 'attachment', label: l('附件', 'Files'), categories: [{ key: 'signed', label: l('签字', 'Signed') }] },
    { key: 'old_note', type: 'text', label: l('旧备注', 'Old note'), retired: true },
  ],
  rules: [
    { key: 'cost_not_negative', expression: '$not($exists(cost)) or cost >= 0', message: l('成本不能为负', 'Cost cannot be negative'), severity: 'error', field: 'cost' },
    { key: 'below_cost', expression: '$not($exists(cost)) or amount >= cost', message: l('报价低于成本', 'Quote below cost'), severity: 'warning', field: 'amount' },
    { key: 'no_status_regress', when: 'update', expression: '$not($old.status = "sent" and status = "draft")', message: l('已发送不可退回草稿', 'A sent quote cannot go back to draft'), severity: 'error', field: 'status' },
  ],
  duplicateRules: [{ key: 'title', fields: ['title', 'customer'], normalize: 'alnum' }],
};
