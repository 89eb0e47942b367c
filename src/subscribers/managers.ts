import { DomainError } from '../incidents/errors';

/**
 * Only `MANAGER_USER_IDS` list, add or remove webhook subscribers. With no manager configured nobody
 * may: a webhook sends Sitrep's updates to any address its adder names.
 */
export function mayManageWebhooks(managerUserIds: readonly string[], userId: string): boolean {
  return managerUserIds.includes(userId);
}

/** Refuses anyone but a manager, before anything is read or written. */
export function assertManager(managerUserIds: readonly string[], userId: string): void {
  if (mayManageWebhooks(managerUserIds, userId)) return;
  const how = managerUserIds.length === 0 ? ' None is set: list their user ids in MANAGER_USER_IDS.' : '';
  throw new DomainError(
    'NotAllowed',
    `Only managers (MANAGER_USER_IDS) can manage webhook subscribers.${how} Nothing was changed.`,
  );
}
