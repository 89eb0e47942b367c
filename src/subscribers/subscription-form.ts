/**
 * The "Subscribe to updates" form (`POST /subscriptions`, form-encoded `email` and repeated
 * `component`): a malformed address or an unknown component key is refused with the reason.
 */
import { z } from 'zod';

const MAX_EMAIL_LENGTH = 254;

const formSchema = z.object({
  email: z
    .string({ message: 'Give an email address.' })
    .trim()
    .max(MAX_EMAIL_LENGTH, { message: 'That email address is too long.' })
    .pipe(z.email({ message: 'That is not an email address.' })),
  component: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
});

export interface SubscriptionRequest {
  /** Lower-cased: one subscription per mailbox, however it is typed. */
  email: string;
  /** Catalog keys, without repeats; empty means every update. */
  components: string[];
}

export type FormResult = { ok: true; value: SubscriptionRequest } | { ok: false; reason: string };

export function parseSubscriptionForm(body: unknown, knownComponents: ReadonlySet<string>): FormResult {
  const parsed = formSchema.safeParse(body ?? {});
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? 'Invalid form.' };
  const components = [...new Set(parsed.data.component.map((c) => c.trim()).filter((c) => c !== ''))];
  const unknown = components.find((c) => !knownComponents.has(c));
  if (unknown !== undefined) return { ok: false, reason: `There is no component ${unknown}.` };
  return { ok: true, value: { email: parsed.data.email.toLowerCase(), components } };
}

/** A subscriber who chose no component hears of everything; otherwise of what touches a chosen one. */
export function wantsComponents(chosen: readonly string[], affected: readonly string[]): boolean {
  return chosen.length === 0 || affected.some((key) => chosen.includes(key));
}
