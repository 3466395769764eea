import { DeleteOutlined, EditOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Input, Modal, Popconfirm, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemLines } from '../../api/problem';
import { stateOfView, viewDefinition, type ListState } from './list-state';
import { useSaveView, useSavedViews } from './list.queries';

interface Props {
  object: string;
  state: ListState;
  onChange(next: ListState): void;
}

/** Pick a saved view; save the list as a new view or into the current one; rename; delete. */
export function SavedViewsMenu({ object, state, onChange }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const views = useSavedViews(object);
  const save = useSaveView(object);
  const [naming, setNaming] = useState<{ mode: 'new' | 'rename'; name: string } | undefined>();
  const current = views.data?.find((v) => v.id === state.view);

  const fail = (e: unknown) => message.error(problemLines(e).join('; '));
  const submitName = async () => {
    if (!naming) return;
    try {
      if (naming.mode === 'new') {
        const created = await save.mutateAsync({ name: naming.name, definition: viewDefinition(state) });
        if (created) onChange({ ...state, view: created.id });
      } else if (current) {
        await save.mutateAsync({ id: current.id, name: naming.name });
      }
      setNaming(undefined);
      message.success(t('lists.viewSaved'));
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Space wrap size={[8, 8]}>
      <Select
        data-testid="view-select"
        style={{ minWidth: 180 }}
        placeholder={t('lists.views')}
        allowClear
        loading={views.isLoading}
        value={current?.id}
        onChange={(id?: string) => {
          const view = views.data?.find((v) => v.id === id);
          onChange(view ? stateOfView(view.id, view.definition) : { filters: {}, overdue: false, q: '' });
        }}
        options={(views.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
      />
      {current && (
        <Button
          data-testid="view-update"
          icon={<SaveOutlined />}
          onClick={() =>
            save.mutateAsync({ id: current.id, definition: viewDefinition(state) }).then(() => message.success(t('lists.viewSaved')), fail)
          }
        >
          {t('lists.saveView')}
        </Button>
      )}
      <Button data-testid="view-save-as" icon={<SaveOutlined />} onClick={() => setNaming({ mode: 'new', name: '' })}>
        {t('lists.saveAs')}
      </Button>
      {current && (
        <>
          <Button data-testid="view-rename" icon={<EditOutlined />} onClick={() => setNaming({ mode: 'rename', name: current.name })} aria-label={t('lists.rename')} />
          <Popconfirm
            title={t('lists.deleteView', { name: current.name })}
            onConfirm={() => save.mutateAsync({ id: current.id, remove: true }).then(() => onChange({ ...state, view: undefined }), fail)}
          >
            <Button data-testid="view-delete" danger icon={<DeleteOutlined />} aria-label={t('lists.delete')} />
          </Popconfirm>
        </>
      )}
      <Modal
        open={!!naming}
        title={naming?.mode === 'rename' ? t('lists.rename') : t('lists.saveAs')}
        okButtonProps={{ disabled: !naming?.name.trim(), loading: save.isPending, 'data-testid': 'view-name-ok' }}
        onOk={submitName}
        onCancel={() => setNaming(undefined)}
        destroyOnHidden
      >
        <Input data-testid="view-name" autoFocus maxLength={100} placeholder={t('lists.viewName')} value={naming?.name} onChange={(e) => naming && setNaming({ ...naming, name: e.target.value })} onPressEnter={submitName} />
      </Modal>
    </Space>
  );
}
