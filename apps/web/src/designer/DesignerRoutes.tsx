import { Route, Routes } from 'react-router-dom';
import { ApprovalFlowDesigner } from './approvals/ApprovalFlowDesigner';
import { AutomationDesigner } from './automations/AutomationDesigner';
import { FormDesigner } from './forms/FormDesigner';
import { ObjectDesigner } from './objects/ObjectDesigner';
import { PackImportPage } from './packs/PackImportPage';
import { PipelineDesigner } from './pipelines/PipelineDesigner';
import { PublishPage } from './publish/PublishPage';
import { VersionHistory } from './publish/VersionHistory';
import { RoleDesigner } from './roles/RoleDesigner';

/** The admin section (`/admin/*`): every screen edits the one metadata draft. */
export function DesignerRoutes() {
  return (
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
  );
}
