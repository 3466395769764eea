import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../api/http';

export interface Candidate {
  id: string;
  username: string;
  displayName: string;
  orgUnit: string | null;
}

/** Picks a user a task may be handed to or shared with, searching by name or login as the user types. */
export function UserPicker({ taskId, value, onChange, id }: { taskId: string; value?: string; onChange?(v: string | undefined): void; id?: string }) {
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: ['approval-candidates', taskId, q], queryFn: () => api<{ items: Candidate[] }>(`/api/approvals/tasks/${taskId}/candidates?q=${encodeURIComponent(q)}`) });
  return (
    <Select
      id={id}
      data-testid="user-picker"
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      loading={found.isFetching}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={(found.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})${u.orgUnit ? ` · ${u.orgUnit}` : ''}` }))}
    />
  );
}
