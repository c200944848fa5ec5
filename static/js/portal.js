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
