import { parseSubscriptionForm, wantsComponents } from '../../src/subscribers/subscription-form';

const catalog = new Set(['api', 'workflows', 'database']);

describe('subscription form', () => {
  it('reads an address and repeated components, lower-cased and without repeats', () => {
    expect(
      parseSubscriptionForm(
        { email: ' Ana@Customer.Example ', component: ['workflows', 'api', 'workflows'] },
        catalog,
      ),
    ).toEqual({ ok: true, value: { email: 'ana@customer.example', components: ['workflows', 'api'] } });
    expect(parseSubscriptionForm({ email: 'ana@customer.example', component: 'api' }, catalog)).toEqual({
      ok: true,
      value: { email: 'ana@customer.example', components: ['api'] },
    });
    expect(parseSubscriptionForm({ email: 'ana@customer.example' }, catalog)).toEqual({
      ok: true,
      value: { email: 'ana@customer.example', components: [] },
    });
  });

  it.each([
    [{}, 'Give an email address.'],
    [{ email: 'not-an-address' }, 'That is not an email address.'],
    [{ email: 'ana@' }, 'That is not an email address.'],
    [{ email: `${'a'.repeat(250)}@x.example` }, 'That email address is too long.'],
    [{ email: 'ana@customer.example', component: ['api', 'billing'] }, 'There is no component billing.'],
  ])('refuses %p: %s', (body, reason) => {
    expect(parseSubscriptionForm(body, catalog)).toEqual({ ok: false, reason });
  });
});

describe('component choice', () => {
  it('lets no choice mean everything, and a choice mean what touches it', () => {
    expect(wantsComponents([], ['api'])).toBe(true);
    expect(wantsComponents([], [])).toBe(true);
    expect(wantsComponents(['workflows'], ['api', 'database'])).toBe(false);
    expect(wantsComponents(['workflows'], ['api', 'workflows'])).toBe(true);
    expect(wantsComponents(['workflows'], [])).toBe(false);
  });
});
