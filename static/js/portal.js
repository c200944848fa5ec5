// Small behaviours on top of server-rendered pages. Every page works without this file.
(() => {
  const dialog = () => document.getElementById("modal");

  // Content swapped into the dialog body opens the dialog (Switch Accounts).
  document.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target.id === "modal-body" && !dialog().open) {
      dialog().showModal();
    }
  });

  // A menu closes when something outside it is clicked, or when one of its links is used.
  document.addEventListener("click", (event) => {
    document.querySelectorAll("details.menu[open]").forEach((menu) => {
      if (!menu.contains(event.target) || event.target.closest("a")) {
        menu.removeAttribute("open");
      }
    });
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      document.querySelectorAll("details.menu[open]").forEach((menu) => menu.removeAttribute("open"));
    }
  });
})();

// Copy buttons: <button data-copy="#input-id">.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const field = document.querySelector(button.dataset.copy);
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
    button.textContent = "Copied";
  } catch {
    document.execCommand("copy");
    button.textContent = "Copied";
  }
});
