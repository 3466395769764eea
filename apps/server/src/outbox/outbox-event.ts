/** An event about to be written to the outbox. */
export interface OutboxEventInput {
  type: string;
  object?: string;
  recordId?: string;
  payload: Record<string, unknown>;
  actorId?: string | null;
  requestId?: string | null;
}

export interface OutboxEvent extends Required<Omit<OutboxEventInput, 'object' | 'recordId'>> {
  id: string;
  object: string | null;
  recordId: string | null;
  createdAt: Date;
  dispatchedAt: Date | null;
}
