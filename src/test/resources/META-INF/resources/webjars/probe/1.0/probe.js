export const probe = "webjar";
