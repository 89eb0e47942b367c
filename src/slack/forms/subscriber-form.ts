import { multiSelectField, requiredTextField, textField, viewForm } from './view-state';

/** The `subscribers_manage` modal's inputs → a new webhook (SPEC §13); the use case checks each field. */
export const addWebhookForm = viewForm({
  webhookUrl: requiredTextField,
  webhookSecret: textField,
  componentKeys: multiSelectField,
});
