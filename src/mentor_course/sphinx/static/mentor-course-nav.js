/* The book's menu and "On this page" buttons (mentor_course/sphinx/navigation.py).
 * pydata-sphinx-theme 0.17 and sphinx-book-theme bind them to the first .primary-toggle
 * and .secondary-toggle, hidden ones, so the visible buttons do nothing
 * (pydata/pydata-sphinx-theme#2451). Here every toggle works: on a narrow screen it opens
 * its sidebar as the theme's modal dialog, with a close button; Esc, the close button, the
 * backdrop and a followed link close it, and focus goes back to the toggle. On a wide
 * screen the menu button hides or shows the sidebar, as sphinx-book-theme means it to. */
(function () {
  "use strict";
  var drawers = [
    { toggle: "primary-toggle", side: "pst-primary-sidebar", label: "Site navigation", collapses: true },
    { toggle: "secondary-toggle", side: "pst-secondary-sidebar", label: "On this page" },
  ];

  // The theme's own way: the sidebar's nodes and classes move into the dialog and back.
  function move(from, to) {
    while (from.firstChild) to.appendChild(from.firstChild);
    Array.from(from.classList).forEach(function (name) {
      from.classList.remove(name);
      to.classList.add(name);
    });
  }

  function setUp(drawer) {
    var sidebar = document.getElementById(drawer.side);
    var dialog = document.getElementById(drawer.side + "-modal");
    if (!sidebar || !dialog) return;
    var opener = null;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "btn btn-sm mc-drawer-close";
    close.innerHTML = '<i class="fa-solid fa-xmark" aria-hidden="true"></i> Close';
    close.style.alignSelf = "flex-end";
    close.hidden = true;
    close.addEventListener("click", function () {
      dialog.close();
    });
    sidebar.prepend(close);
    dialog.setAttribute("aria-label", drawer.label);
    document.querySelectorAll("." + drawer.toggle).forEach(function (button) {
      button.title = drawer.label; // the theme's "Toggle primary sidebar" means little to a reader
      button.setAttribute("aria-haspopup", "dialog");
    });

    drawer.open = function (button) {
      // On a narrow screen the theme keeps the sidebars off-screen (fixed); on a wide one
      // the menu sits in the page.
      if (drawer.collapses && getComputedStyle(sidebar).position !== "fixed") {
        sidebar.classList.toggle("pst-sidebar-hidden");
        return;
      }
      if (dialog.open) return;
      opener = button;
      move(sidebar, dialog);
      close.hidden = false;
      dialog.showModal();
      close.focus();
    };
    dialog.addEventListener("close", function () {
      close.hidden = true;
      move(dialog, sidebar);
      if (opener) opener.focus();
      opener = null;
    });
    // Sphinx's search-word highlighter swallows Esc on the page, so Esc is handled here.
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        dialog.close();
      }
    });
    dialog.addEventListener("click", function (event) {
      if (event.target.closest("a[href]")) {
        opener = null; // the link decides where the reader goes next
        dialog.close();
        return;
      }
      var box = dialog.getBoundingClientRect();
      var outside =
        event.clientX < box.left || event.clientX > box.right ||
        event.clientY < box.top || event.clientY > box.bottom;
      if (event.target === dialog && outside) dialog.close(); // on the backdrop
    });
  }

  drawers.forEach(setUp);
  // Capturing, before the theme's own listener on the first button, which would open the
  // dialog a second time.
  document.addEventListener(
    "click",
    function (event) {
      var target = event.target instanceof Element ? event.target : null;
      drawers.forEach(function (drawer) {
        var button = target && target.closest("." + drawer.toggle);
        if (button && drawer.open) {
          event.preventDefault();
          event.stopPropagation();
          drawer.open(button);
        }
      });
    },
    true,
  );
})();
