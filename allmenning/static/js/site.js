/* On every page, two small enhancements of markup that works without JavaScript.

   1. The header's disclosures (<details data-header-menu>: the phone menu and the language list)
      say whether they are open (aria-expanded on the summary), close on Escape (focus goes back
      to their summary), on a click outside, and when another one opens.
   2. Long pages are made of sections: elements marked data-section and the <section> children
      of an element marked data-sections, each with a heading (h2-h4). On a narrow screen the
      heading's text becomes a button that shows or hides the rest of the section (the heading
      keeps its level), every section but the first starts closed, and a list of the sections
      is filled in at the top ([data-section-index], rendered hidden). Printing shows all (CSS). */
(function () {
  "use strict";

  var NARROW = "(max-width: 44.99rem)";

  function headerMenus() {
    var menus = Array.prototype.slice.call(document.querySelectorAll("details[data-header-menu]"));
    menus.forEach(function (menu) {
      var summary = menu.querySelector("summary");
      if (!summary) return;
      summary.setAttribute("aria-expanded", menu.open ? "true" : "false");
      menu.addEventListener("toggle", function () {
        summary.setAttribute("aria-expanded", menu.open ? "true" : "false");
        if (menu.open) {
          menus.forEach(function (other) { if (other !== menu) other.open = false; });
        }
      });
      menu.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && menu.open) {
          menu.open = false;
          summary.focus();
          event.preventDefault();
        }
      });
    });
    document.addEventListener("click", function (event) {
      menus.forEach(function (menu) {
        if (menu.open && !menu.contains(event.target)) menu.open = false;
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      menus.forEach(function (menu) {
        if (menu.open && !menu.contains(document.activeElement)) menu.open = false;
      });
    });
  }

  function setOpen(section, open) {
    var button = section.querySelector("[data-section-toggle]");
    if (!button) return;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      section.removeAttribute("data-collapsed");
      /* Maps and charts measure their box on a resize: tell them it is back. */
      window.dispatchEvent(new Event("resize"));
    } else {
      section.setAttribute("data-collapsed", "");
    }
  }

  /* The section's heading: the one its aria-labelledby names, else the first h2-h4 in it. */
  function headingOf(section) {
    var id = section.getAttribute("aria-labelledby");
    var heading = id ? document.getElementById(id) : null;
    if (!heading || !section.contains(heading) || !/^H[2-4]$/.test(heading.tagName)) {
      heading = section.querySelector("h2, h3, h4");
    }
    return heading;
  }

  function buildIndex(sections) {
    var index = document.querySelector("[data-section-index]");
    if (!index) return;
    var list = index.querySelector("ol, ul");
    sections.forEach(function (section, number) {
      var heading = headingOf(section);
      if (!section.id) section.id = "section-" + (heading.id || number + 1);
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + section.id;
      link.textContent = heading.textContent.replace(/\s+/g, " ").trim();
      item.appendChild(link);
      list.appendChild(item);
    });
    index.hidden = false;
  }

  /* Major blocks: elements marked data-section, and the <section> children of data-sections. */
  function collapsibleSections() {
    if (!window.matchMedia || !window.matchMedia(NARROW).matches) return;
    var sections = Array.prototype.slice
      .call(document.querySelectorAll("[data-section], [data-sections] > section"))
      .filter(function (section) {
        var heading = headingOf(section);
        return heading && heading.textContent.trim() && !heading.querySelector("[data-section-toggle]");
      });
    if (sections.length < 3) return;
    sections.forEach(function (section, index) {
      var heading = headingOf(section);
      var head = heading;
      while (head.parentElement !== section) head = head.parentElement;
      head.setAttribute("data-section-head", "");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "section-toggle";
      button.setAttribute("data-section-toggle", "");
      while (heading.firstChild) button.appendChild(heading.firstChild);
      heading.appendChild(button);
      section.classList.add("is-collapsible");
      button.addEventListener("click", function () {
        setOpen(section, section.hasAttribute("data-collapsed"));
      });
      var linked = section.id !== "" && "#" + section.id === window.location.hash;
      setOpen(section, index === 0 || linked || section.hasAttribute("data-section-open"));
    });
    buildIndex(sections);
    /* A link to a closed section (or to something inside one) opens it first. */
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href^='#']");
      var target = link && link.getAttribute("href").length > 1 && document.getElementById(link.getAttribute("href").slice(1));
      var section = target && target.closest("[data-collapsed]");
      if (section) setOpen(section, true);
    });
  }

  /* The sections close once the page's other deferred scripts have run (they come after this
     one), so that maps and charts are laid out while their sections are still open. */
  if (document.readyState === "loading" || document.readyState === "interactive") {
    document.addEventListener("DOMContentLoaded", function () {
      headerMenus();
      collapsibleSections();
    });
  } else {
    headerMenus();
    collapsibleSections();
  }
})();
