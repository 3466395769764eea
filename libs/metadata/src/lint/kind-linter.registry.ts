import type { MetadataIssue } from '../issues/metadata-issue';
import type { DocumentOf, MetadataKind } from '../kinds/metadata-kind.registry';
import { lintApprovalFlow } from './approval-flow.lint';
import { lintAutomation } from './automation.lint';
import { lintDashboard } from './dashboard.lint';
import { lintDemoData } from './demo-data.lint';
import { lintForm } from './form.lint';
import type { MetadataIndex } from './metadata.index';
import { lintObject } from './object.lint';
import { lintOrg } from './org.lint';
import { lintPipeline } from './pipeline.lint';
import { lintRole } from './role.lint';

export type KindLinter<K extends MetadataKind> = (document: DocumentOf<K>, index: MetadataIndex) => MetadataIssue[];

/** The cross-reference checks of each kind; the manifest has none beyond its schema. */
export const KIND_LINTERS: { readonly [K in MetadataKind]: KindLinter<K> } = {
  object: lintObject,
  form: lintForm,
  pipeline: lintPipeline,
  approvalFlow: lintApprovalFlow,
  automation: lintAutomation,
  role: lintRole,
  org: lintOrg,
  dashboard: lintDashboard,
  demoData: lintDemoData,
  pack: () => [],
};
