/** A user with their role keys, as the identity module passes it around (never the password hash). */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  orgUnitId: string | null;
  locale: 'zh-CN' | 'en';
  disabledAt: Date | null;
  lockedUntil: Date | null;
  failedLogins: number;
  roles: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** The public view of a user (API responses, other modules). */
export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  orgUnitId: string | null;
  locale: 'zh-CN' | 'en';
  roles: string[];
  disabled: boolean;
  /** Until when sign-in is refused after too many wrong passwords; null when not locked. */
  lockedUntil: string | null;
}

export function toUserSummary(user: UserRecord, now = new Date()): UserSummary {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    orgUnitId: user.orgUnitId,
    locale: user.locale,
    roles: user.roles,
    disabled: user.disabledAt !== null,
    lockedUntil: user.lockedUntil && user.lockedUntil > now ? user.lockedUntil.toISOString() : null,
  };
}
