/** The payer-name keys live in #core (members store the key of their kana, indexed, for the candidate lookup). */
export { familyKey, nameKey, nameKeys, nameWords, numbersIn, similarity, zenginForm } from '#core';
