export { createAdminRoute, sameKey, ADMIN_PREFIX, MAX_ADMIN_BODY_BYTES, type AdminRouteOptions } from './router';
export { buildOpenApiDocument } from './openapi';
export { ADMIN_ROUTES, type AdminCall, type AdminRoute } from './routes';
