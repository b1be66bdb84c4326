// The interactive API docs (/api/v1/docs): starts the vendored Swagger UI on the page's
// OpenAPI document. A file, not an inline script: the CSP allows scripts from /static only.
"use strict";
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.ui = window.SwaggerUIBundle({
    url: root.getAttribute("data-openapi"),
    domNode: root,
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    validatorUrl: null
  });
  var note = document.getElementById("docs-loading");
  if (note) {
    note.hidden = true;
  }
});
