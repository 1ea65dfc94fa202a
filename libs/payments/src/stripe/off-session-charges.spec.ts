import { describe, expect, it } from '@jest/globals';
import { classifyCardError, classifyIntent } from './off-session-charges.js';

describe('off-session charge outcomes', () => {
  it('a succeeded or processing intent is money in, or soon decided', () => {
    expect(classifyIntent({ id: 'pi_1', status: 'succeeded', last_payment_error: null })).toEqual({ status: 'succeeded', paymentIntentId: 'pi_1' });
    expect(classifyIntent({ id: 'pi_1', status: 'processing', last_payment_error: null })).toEqual({ status: 'processing', paymentIntentId: 'pi_1' });
  });

  it('an intent waiting for the payer (3-D Secure) needs them present', () => {
    expect(classifyIntent({ id: 'pi_2', status: 'requires_action', last_payment_error: null })).toEqual({ status: 'requires_action', paymentIntentId: 'pi_2' });
    expect(classifyIntent({ id: 'pi_2', status: 'requires_payment_method', last_payment_error: { code: 'authentication_required', type: 'card_error' } as never }).status).toBe('requires_action');
  });

  it('a refused intent is declined, with the issuer’s reason', () => {
    const outcome = classifyIntent({ id: 'pi_3', status: 'requires_payment_method', last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.', type: 'card_error' } as never });
    expect(outcome).toEqual({ status: 'declined', paymentIntentId: 'pi_3', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' });
  });

  it('a card error (402) is an outcome: authentication_required needs the payer, anything else is declined', () => {
    const intent = { id: 'pi_4', status: 'requires_payment_method' } as never;
    expect(classifyCardError({ code: 'authentication_required', message: 'auth', payment_intent: intent })).toEqual({ status: 'requires_action', paymentIntentId: 'pi_4' });
    expect(classifyCardError({ code: 'card_declined', decline_code: 'expired_card', message: 'Your card has expired.', payment_intent: intent })).toEqual({
      status: 'declined',
      paymentIntentId: 'pi_4',
      declineCode: 'expired_card',
      message: 'Your card has expired.',
    });
    expect(classifyCardError({ code: 'card_declined', message: 'no intent' })).toMatchObject({ status: 'declined', paymentIntentId: null, declineCode: 'card_declined' });
  });
});
