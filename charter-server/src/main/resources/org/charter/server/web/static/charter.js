/* Charter: nothing yet beyond htmx; kept so that pages can add behaviour without inline scripts (CSP forbids them). */
