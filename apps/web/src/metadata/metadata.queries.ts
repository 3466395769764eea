import type { ApprovalFlowDefinition, FormDefinition, Label, MetadataDocument, ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/http';

export interface MeView {
  user: { id: string; username: string; displayName: string; locale: 'zh-CN' | 'en' };
  orgUnit: { id: string; key: string; label: Label } | null;
  roles: Array<{ key: string; label: Label }>;
  isAdmin: boolean;
  capabilities: string[];
  objects: Record<string, { actions: string[]; hidden: string[]; readOnly: string[] }>;
}

/** The published metadata, indexed the way screens look it up. */
export interface Workspace {
  version: number;
  objects: Map<string, ObjectDefinition>;
  /** Pipeline of each object that has one. */
  pipelines: Map<string, PipelineDefinition>;
  forms: FormDefinition[];
  flows: ApprovalFlowDefinition[];
}

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: () => api<MeView>('/api/me'), staleTime: 60_000 });
}

export function indexMetadata(version: number, documents: MetadataDocument[]): Workspace {
  const objects = new Map<string, ObjectDefinition>();
  const pipelines = new Map<string, PipelineDefinition>();
  const forms: FormDefinition[] = [];
  const flows: ApprovalFlowDefinition[] = [];
  for (const doc of documents) {
    if (doc.kind === 'object' && !doc.retired) objects.set(doc.key, doc);
    else if (doc.kind === 'pipeline') pipelines.set(doc.object, doc);
    else if (doc.kind === 'form') forms.push(doc);
    else if (doc.kind === 'approvalFlow') flows.push(doc);
  }
  return { version, objects, pipelines, forms, flows };
}

export function useWorkspace() {
  return useQuery({
    queryKey: ['metadata'],
    queryFn: async () => {
      const body = await api<{ version: number; documents: MetadataDocument[] }>('/api/metadata/current');
      return indexMetadata(body.version, body.documents);
    },
    staleTime: 5 * 60_000,
  });
}
