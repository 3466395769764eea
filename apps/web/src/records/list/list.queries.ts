import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/http';
import type { ListState } from './list-state';

export interface SavedView {
  id: string;
  name: string;
  definition: Partial<ListState>;
}

export interface OwnerOption {
  id: string;
  displayName: string;
  username: string;
}

/** The signed-in user's saved views of one list. */
export function useSavedViews(object: string) {
  return useQuery({ queryKey: ['views', object], queryFn: async () => (await api<{ items: SavedView[] }>(`/api/objects/${object}/views`)).items });
}

/** Create (no id), rename or redefine (id), delete (remove): each refreshes the view list. */
export function useSaveView(object: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; name?: string; definition?: unknown; remove?: boolean }): Promise<SavedView | undefined> =>
      v.remove
        ? api<undefined>(`/api/objects/${object}/views/${v.id}`, { method: 'DELETE' })
        : v.id
          ? api<SavedView>(`/api/objects/${object}/views/${v.id}`, { method: 'PATCH', body: { name: v.name, definition: v.definition } })
          : api<SavedView>(`/api/objects/${object}/views`, { method: 'POST', body: { name: v.name, definition: v.definition } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['views', object] }),
  });
}

/** People for the owner filter and the transfer target (the caller, owners in scope, users of units in scope). */
export function useOwners(object: string) {
  return useQuery({ queryKey: ['owners', object], queryFn: async () => (await api<{ items: OwnerOption[] }>(`/api/objects/${object}/owners`)).items, staleTime: 60_000 });
}

/** Moves the selected records to another owner in one transaction, whoever owns them now; returns how many moved. */
export async function transferRecords(object: string, records: Array<{ id: string; owner_id?: unknown }>, toUserId: string): Promise<number> {
  const ids = records.filter((r) => r.owner_id !== toUserId).map((r) => r.id);
  if (ids.length === 0) return 0;
  const res = await api<{ total: number }>('/api/ownership/transfer', {
    method: 'POST',
    body: { toUserId, objects: [object], filters: { [object]: { field: 'id', op: 'in', value: ids } } },
  });
  return res.total;
}
