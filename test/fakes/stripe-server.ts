// The fake Stripe lives in scripts/fake-stripe/ so that `npm run build` ships it for `npm start` in development.
export * from '../../scripts/fake-stripe/stripe-server.js';
