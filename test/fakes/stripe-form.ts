export * from '../../scripts/fake-stripe/stripe-form.js';
