// Starts Swagger UI from a file (not inline) so that the page works under CSP default-src 'self'.
window.addEventListener("DOMContentLoaded", () => {
  window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });
});
