/** Words shared by the modals' inline errors. */
export const PICK_IMPACT = 'Pick an impact: none, minor, major or critical.';
export const PICK_STATUS = 'Pick one of the listed statuses.';
export const FORM_UNREADABLE = 'The form could not be read; please submit it again.';
