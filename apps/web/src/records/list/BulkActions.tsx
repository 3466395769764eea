import { DownloadOutlined, SwapOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemLines } from '../../api/problem';
import type { RecordData } from '../field-display';
import { downloadCsv } from '../../api/csv-download';
import { transferRecords, type OwnerOption } from './list.queries';

interface Props {
  object: string;
  actions: string[];
  selected: RecordData[];
  onDone(): void;
  owners: OwnerOption[];
  /** The export URL of the list as it is filtered, sorted and searched. */
  exportUrl: string;
}

/** What the user may do with the list: transfer the selected rows (reassign right), export CSV (export right). */
export function BulkActions({ object, actions, selected, onDone, owners, exportUrl }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [transferring, setTransferring] = useState(false);
  const [target, setTarget] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const transfer = async () => {
    if (!target) return;
    setBusy(true);
    try {
      const moved = await transferRecords(object, selected, target);
      message.success(t('lists.transferred', { count: moved }));
      setTransferring(false);
      setTarget(undefined);
      onDone();
      await client.invalidateQueries({ queryKey: ['records', object] });
    } catch (e) {
      message.error(problemLines(e).join('; '));
    } finally {
      setBusy(false);
    }
  };
  const exportCsv = async () => {
    setBusy(true);
    try {
      await downloadCsv(exportUrl);
    } catch (e) {
      message.error(problemLines(e).join('; '));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space wrap>
      {actions.includes('reassign') && (
        <Button data-testid="bulk-transfer" icon={<SwapOutlined />} disabled={selected.length === 0} onClick={() => setTransferring(true)}>
          {t('lists.transfer', { count: selected.length })}
        </Button>
      )}
      {actions.includes('export') && (
        <Button data-testid="bulk-export" icon={<DownloadOutlined />} loading={busy && !transferring} onClick={exportCsv}>
          {t('lists.export')}
        </Button>
      )}
      <Modal
        open={transferring}
        title={t('lists.transferTitle', { count: selected.length })}
        okButtonProps={{ disabled: !target, loading: busy, 'data-testid': 'transfer-ok' }}
        onOk={transfer}
        onCancel={() => setTransferring(false)}
        destroyOnHidden
      >
        <Select
          data-testid="transfer-target"
          style={{ width: '100%' }}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('lists.newOwner')}
          value={target}
          onChange={setTarget}
          options={owners.map((o) => ({ value: o.id, label: `${o.displayName} (${o.username})` }))}
        />
      </Modal>
    </Space>
  );
}
