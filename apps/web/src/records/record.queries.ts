import { useQuery } from '@tanstack/react-query';
import { api } from '../api/http';
import type { RecordData } from './field-display';

export interface RecordPage {
  items: RecordData[];
  nextCursor: string | null;
}

export interface ListParams {
  q?: string;
  sort?: string;
  filter?: unknown;
  cursor?: string;
  limit?: number;
  expand?: string[];
}

export function listUrl(object: string, p: ListParams): string {
  const s = new URLSearchParams();
  s.set('limit', String(p.limit ?? 20));
  if (p.q) s.set('q', p.q);
  if (p.sort) s.set('sort', p.sort);
  if (p.filter) s.set('filter', JSON.stringify(p.filter));
  if (p.cursor) s.set('cursor', p.cursor);
  if (p.expand?.length) s.set('expand', p.expand.join(','));
  return `/api/objects/${object}/records?${s}`;
}

export function useRecordList(object: string, params: ListParams) {
  return useQuery({ queryKey: ['records', object, params], queryFn: () => api<RecordPage>(listUrl(object, params)), placeholderData: (previous) => previous });
}

export function useRecord(object: string, id: string | undefined, expand: string[] = []) {
  return useQuery({
    queryKey: ['record', object, id],
    enabled: id !== undefined,
    queryFn: () => api<RecordData>(`/api/objects/${object}/records/${id}${expand.length ? `?expand=${expand.join(',')}` : ''}`),
  });
}
