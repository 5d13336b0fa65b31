// certpath's only script: small behaviours htmx cannot express. Everything works without it.
"use strict";

// Show each "what matters to you" slider's value beside it.
function showRangeValues(root) {
  root.querySelectorAll("input[type=range]").forEach((input) => {
    const output = document.querySelector(`output[for="${input.id}"]`);
    if (!output) return;
    const update = () => { output.value = input.value; };
    update();
    input.addEventListener("input", update);
  });
}

// Put the weights back to certpath's own (data-default; a shared link may have set others)
// and re-rank. The button only shows when this script runs: without it, it could do nothing.
function wireWeightReset(root) {
  root.querySelectorAll("[data-reset-weights]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      const form = button.closest("form");
      form.querySelectorAll("[data-default]").forEach((input) => {
        input.value = input.dataset.default;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
      form.dispatchEvent(new Event("change", { bubbles: true }));
    });
  });
}

// Copy a share link to the clipboard.
function wireCopy(root) {
  root.querySelectorAll("[data-copy]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const target = document.getElementById(button.dataset.copy);
      try {
        await navigator.clipboard.writeText(target.value || target.href);
        button.textContent = "Copied";
      } catch {
        target.select?.();
      }
    });
  });
}

// Narrow a long list of choices as you type (the compare picker). Without this script the
// list is grouped by provider and the box stays hidden.
function wireFilters(root) {
  root.querySelectorAll("[data-filter]").forEach((input) => {
    const list = document.getElementById(input.dataset.filter);
    if (!list) return;
    input.closest("[hidden]")?.removeAttribute("hidden");
    input.addEventListener("input", () => {
      const words = input.value.trim().toLowerCase();
      list.querySelectorAll("[data-filter-text]").forEach((item) => {
        item.hidden = words !== "" && !item.dataset.filterText.includes(words);
      });
      list.querySelectorAll("fieldset").forEach((group) => {
        group.hidden = !group.querySelector("[data-filter-text]:not([hidden])");
      });
    });
  });
}

// Questions a role can skip (data-skip-for lists them) close when that role is chosen and
// open for the others, unless the visitor has answered one in the group.
function wireRoleGroups(root) {
  const role = root.querySelector('select[name="goals.role"]');
  if (!role) return;
  const groups = root.querySelectorAll("details[data-skip-for]");
  groups.forEach((group) => {
    group.addEventListener("change", () => { group.dataset.answered = "true"; });
  });
  role.addEventListener("change", () => {
    groups.forEach((group) => {
      if (group.dataset.answered) return;
      group.open = !group.dataset.skipFor.split(" ").includes(role.value);
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  showRangeValues(document);
  wireWeightReset(document);
  wireCopy(document);
  wireFilters(document);
  wireRoleGroups(document);
});
