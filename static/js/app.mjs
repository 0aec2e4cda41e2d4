// Initialise GOV.UK Frontend components. Kept in a file (not inline) so the Content
// Security Policy can forbid inline scripts.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// A table that scrolls sideways inside its own box (narrow screens) must be reachable by
// keyboard to be scrolled: make exactly those focusable, again when the window is resized.
function focusableScrollingTables() {
  for (const table of document.querySelectorAll("main .govuk-table")) {
    if (table.scrollWidth > table.clientWidth + 1) {
      table.setAttribute("tabindex", "0");
    } else if (table.getAttribute("tabindex") === "0") {
      table.removeAttribute("tabindex");
    }
  }
}
focusableScrollingTables();
window.addEventListener("resize", focusableScrollingTables);
