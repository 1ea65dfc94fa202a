export const duesEntities: (new () => object)[] = [];
