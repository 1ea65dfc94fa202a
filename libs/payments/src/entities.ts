export const paymentsEntities: (new () => object)[] = [];
