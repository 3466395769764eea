import { Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router-dom';
import { useMe } from '../metadata/metadata.queries';
import { ApprovalFlowDesigner } from './approvals/ApprovalFlowDesigner';
import { AutomationDesigner } from './automations/AutomationDesigner';
import { DesignerLayout } from './DesignerLayout';
import { DraftProvider } from './draft/draft.store';
import { FormDesigner } from './forms/FormDesigner';
import { ObjectDesigner } from './objects/ObjectDesigner';
import { PackImportPage } from './packs/PackImportPage';
import { PipelineDesigner } from './pipelines/PipelineDesigner';
import { PublishPage } from './publish/PublishPage';
import { VersionHistory } from './publish/VersionHistory';
import { RoleDesigner } from './roles/RoleDesigner';

/** Who may open the designer: the draft needs "design" (the server checks it again on every call). */
export const canDesign = (me: { isAdmin: boolean; capabilities: string[] }): boolean =>
  me.isAdmin || me.capabilities.includes('design') || me.capabilities.includes('publish');

/** The admin section (`/admin/*`): every screen edits the one metadata draft. */
export function DesignerRoutes() {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data) return <Spin />;
  if (!canDesign(me.data)) return <Result status="403" title={t('designer.forbidden')} />;
  return (
    <DraftProvider>
      <DesignerLayout>
        <Routes>
          <Route path="objects/:key?" element={<ObjectDesigner />} />
          <Route path="forms/:key?" element={<FormDesigner />} />
          <Route path="pipelines/:key?" element={<PipelineDesigner />} />
          <Route path="approvals/:key?" element={<ApprovalFlowDesigner />} />
          <Route path="automations/:key?" element={<AutomationDesigner />} />
          <Route path="roles/:key?" element={<RoleDesigner />} />
          <Route path="publish" element={<PublishPage />} />
          <Route path="versions/:version?" element={<VersionHistory />} />
          <Route path="packs" element={<PackImportPage />} />
          <Route path="*" element={<ObjectDesigner />} />
        </Routes>
      </DesignerLayout>
    </DraftProvider>
  );
}
