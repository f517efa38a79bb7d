// Wide tables fit the screen (issue 14): a table wider than its box scrolls inside the box. Such a
// box shows a visible cue above it and takes the keyboard: focusable, a region named after the
// table's caption and described by the cue, so arrow keys scroll it. A file of its own, not inline:
// the Content-Security-Policy allows only our own static scripts.
(function () {
  var made = 0;
  function mark() {
    document.querySelectorAll(".jf-table-wrap").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      var hint = box.previousElementSibling;
      if (!hint || !hint.classList.contains("jf-scroll-hint")) { hint = null; }
      if (scrolls && !hint) {
        hint = document.createElement("p");
        hint.className = "jf-scroll-hint";
        hint.id = "jf-scroll-hint-" + (++made);
        hint.textContent = "Deze tabel is breder dan het scherm: schuif hem opzij, of klik erin en gebruik de pijltjestoetsen, om alle kolommen te zien.";
        box.parentNode.insertBefore(hint, box);
        box.setAttribute("aria-describedby", hint.id);
        if (!box.hasAttribute("tabindex")) { box.setAttribute("tabindex", "0"); }
        if (!box.hasAttribute("role")) { box.setAttribute("role", "region"); }
        if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
          var caption = box.querySelector("caption");
          box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Tabel");
        }
      }
      if (hint) { hint.hidden = !scrolls; }
      box.classList.toggle("jf-table-wrap--scrolls", scrolls);
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", mark); } else { mark(); }
  window.addEventListener("resize", mark);
})();
