// SPUK division form: add lines and show the running total against the grant.
// Without JavaScript the form still works (two empty lines, the total after saving).
(function () {
  "use strict";
  var root = document.getElementById("division-lines");
  if (!root) { return; }
  var prefix = root.getAttribute("data-prefix");
  var grantCents = parseInt(root.getAttribute("data-grant-cents"), 10);
  var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  var template = document.getElementById("division-empty");
  var addButton = document.getElementById("division-add");
  var output = document.getElementById("division-running");

  // Dutch input as core.forms.AmountField takes it: "12.500,50", "75.000", "12500,50", "12500.50".
  function cents(text) {
    var value = (text || "").replace(/\s|€/g, "");
    if (value === "") { return 0; }
    if (value.indexOf(",") >= 0) {
      if (!/^-?\d{1,3}(\.\d{3})*(,\d{1,2})?$/.test(value) && !/^-?\d+(,\d{1,2})?$/.test(value)) { return null; }
      value = value.replace(/\./g, "").replace(",", ".");
    } else if (/^-?\d{1,3}(\.\d{3})+$/.test(value)) {
      value = value.replace(/\./g, "");
    } else if (!/^-?\d+(\.\d{1,2})?$/.test(value)) {
      return null;
    }
    var parts = value.split(".");
    var whole = parseInt(parts[0], 10);
    var fraction = parts.length > 1 ? parseInt((parts[1] + "00").slice(0, 2), 10) : 0;
    return whole < 0 || value.charAt(0) === "-" ? whole * 100 - fraction : whole * 100 + fraction;
  }

  function euro(c) {
    var sign = c < 0 ? "-" : "";
    c = Math.abs(c);
    var whole = String(Math.floor(c / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return sign + "€ " + whole + "," + String(c % 100).padStart(2, "0");
  }

  function update() {
    var sum = 0, unreadable = 0;
    root.querySelectorAll("fieldset").forEach(function (line) {
      var remove = line.querySelector("input[name$='-DELETE']");
      var amount = line.querySelector("input[name$='-amount']");
      if (!amount || (remove && remove.checked)) { return; }
      var c = cents(amount.value);
      if (c === null) { unreadable += 1; } else { sum += c; }
    });
    var rest = grantCents - sum;
    output.textContent = "Verdeeld " + euro(sum) + " van " + euro(grantCents) + "; " +
      (rest === 0 ? "precies de uitkering." : rest > 0 ? "nog te verdelen " + euro(rest) + "." : euro(-rest) + " te veel.") +
      (unreadable ? " " + unreadable + " bedrag(en) niet te lezen." : "");
  }

  addButton.hidden = false;
  addButton.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__number__/g, String(index + 1));
    root.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var first = root.lastElementChild.querySelector("select, input");
    if (first) { first.focus(); }
    update();
  });
  root.addEventListener("input", update);
  root.addEventListener("change", update);
  update();
})();
