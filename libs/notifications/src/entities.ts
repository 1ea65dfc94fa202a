export const notificationsEntities: (new () => object)[] = [];
