/* Capacity and language pickers: progressive enhancements of the plain forms.
 *
 * Capacity picker (/me/capacities/): the page holds three plain formsets (knows, offers,
 * wants: a capacity select and a level select per row) that work without JavaScript. With it,
 * they are hidden and replaced by one search box (labels and aliases in the reader's
 * language, the place in the tree as a breadcrumb) and one row per chosen capacity, as a
 * removable chip with knows / offers / wants and the level. On submit the rows are written
 * back into the formsets' own field names, so the server sees the plain form.
 *
 * Language picker (/me/edit/): a filter box above each language select that matches the
 * name in the reader's language, the language's own name and its code.
 */
(function () {
  "use strict";

  function readJSON(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  /* ---------------------------------------------------------------- capacities */

  function capacityPicker(root) {
    var data = readJSON("capacity-picker-data");
    var words = readJSON("capacity-picker-words");
    if (!data || !words) return;
    var byCode = {};
    data.forEach(function (entry) {
      entry.haystack = fold([entry.label, entry.code].concat(entry.aliases).join(" | "));
      byCode[entry.code] = entry;
    });
    var relations = words.relations;  // [[value, label], …]
    var form = root.closest("form");
    var rows = {};   // code → {knows: bool, offers: bool, wants: bool, level: n}
    var order = [];

    // Read what the plain formsets hold.
    relations.forEach(function (relation) {
      var rel = relation[0];
      form.querySelectorAll("select[name^='" + rel + "-'][name$='-capacity']").forEach(function (select) {
        var code = select.value;
        if (!code || !byCode[code]) return;
        var level = form.querySelector("[name='" + select.name.replace(/-capacity$/, "-level") + "']");
        if (!rows[code]) { rows[code] = {}; order.push(code); }
        rows[code][rel] = level ? parseInt(level.value, 10) || 2 : 2;
      });
    });

    var plain = form.querySelectorAll("[data-plain-claims]");
    plain.forEach(function (node) { node.hidden = true; });

    var input = el("input", {type: "search", id: "capacity-search", autocomplete: "off",
      role: "combobox", "aria-expanded": "false", "aria-controls": "capacity-results",
      "aria-autocomplete": "list", class: "cdx-text-input__input"});
    var results = el("ul", {id: "capacity-results", role: "listbox", class: "hub-picker__results",
      "aria-label": words.results});
    results.hidden = true;
    var chosen = el("ul", {class: "hub-picker__chosen", "aria-label": words.chosen});
    var status = el("p", {class: "visually-hidden", role: "status", "aria-live": "polite"});
    var ui = el("div", {class: "hub-picker"}, [
      el("label", {for: "capacity-search", text: words.search}),
      el("div", {class: "cdx-text-input"}, [input]),
      results, status, chosen,
    ]);
    root.appendChild(ui);
    root.hidden = false;

    function matches(query) {
      var q = fold(query.trim());
      if (!q) return [];
      return data.filter(function (entry) { return entry.haystack.indexOf(q) !== -1; }).slice(0, 12);
    }

    function showResults() {
      var found = matches(input.value);
      results.textContent = "";
      found.forEach(function (entry, n) {
        var option = el("li", {role: "option", id: "capacity-option-" + n, "data-code": entry.code,
          class: "hub-picker__option", tabindex: "-1"}, [
          el("span", {class: "hub-picker__label", lang: entry.lang, text: entry.label}),
          entry.path.length ? el("span", {class: "hub-picker__path", text: entry.path.join(" › ")}) : null,
        ]);
        if (rows[entry.code]) option.setAttribute("aria-selected", "true");
        option.addEventListener("click", function () { choose(entry.code); });
        results.appendChild(option);
      });
      results.hidden = !found.length;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
      status.textContent = input.value.trim() ? words.found.replace("%(count)s", found.length) : "";
    }

    function choose(code) {
      if (!rows[code]) { rows[code] = {}; rows[code][relations[0][0]] = 2; order.push(code); }
      input.value = "";
      showResults();
      render();
      var row = chosen.querySelector("[data-code='" + code + "'] input");
      if (row) row.focus();
    }

    function remove(code) {
      delete rows[code];
      order = order.filter(function (c) { return c !== code; });
      render();
      input.focus();
    }

    function render() {
      chosen.textContent = "";
      order.forEach(function (code) {
        var entry = byCode[code], row = rows[code];
        var id = "claim-" + code;
        // One checkbox per relation, each with its own level (what you know, offer and want
        // to reach may differ); the level is enabled only while its box is ticked.
        var boxes = relations.map(function (relation) {
          var rel = relation[0];
          var box = el("input", {type: "checkbox", id: id + "-" + rel});
          box.checked = row[rel] != null;
          var level = el("select", {id: id + "-" + rel + "-level", class: "cdx-select"});
          words.levels.forEach(function (choice) {
            var option = el("option", {value: choice[0], text: choice[1]});
            if (parseInt(choice[0], 10) === (row[rel] || 2)) option.selected = true;
            level.appendChild(option);
          });
          level.disabled = !box.checked;
          box.addEventListener("change", function () {
            row[rel] = box.checked ? parseInt(level.value, 10) : null;
            level.disabled = !box.checked;
          });
          level.addEventListener("change", function () { row[rel] = parseInt(level.value, 10); });
          var tick = el("label", {for: box.id, class: "hub-picker__tick"}, [box]);
          tick.appendChild(document.createTextNode(" " + relation[1]));
          return el("span", {class: "hub-picker__relation"}, [
            tick,
            el("label", {for: level.id, class: "visually-hidden",
              text: words.level + " (" + relation[1] + ", " + entry.label + ")"}),
            level,
          ]);
        });
        var removeButton = el("button", {type: "button", class: "cdx-button cdx-button--weight-quiet hub-picker__remove"}, [
          el("span", {"aria-hidden": "true", text: "×"}),
          el("span", {class: "visually-hidden", text: words.remove.replace("%(capacity)s", entry.label)}),
        ]);
        removeButton.addEventListener("click", function () { remove(code); });
        chosen.appendChild(el("li", {class: "hub-picker__row", "data-code": code}, [
          el("span", {class: "hub-picker__chip"}, [
            el("span", {class: "hub-picker__label", lang: entry.lang, text: entry.label}),
            entry.path.length ? el("span", {class: "hub-picker__path", text: entry.path.join(" › ")}) : null,
          ]),
          el("span", {class: "hub-picker__relations", role: "group", "aria-label": entry.label}, boxes),
          removeButton,
        ]));
      });
      if (!order.length) chosen.appendChild(el("li", {class: "muted", text: words.none}));
    }

    var active = -1;
    input.addEventListener("input", function () { active = -1; showResults(); });
    input.addEventListener("keydown", function (event) {
      var options = results.querySelectorAll("[role=option]");
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!options.length) return;
        event.preventDefault();
        active = (active + (event.key === "ArrowDown" ? 1 : options.length - 1)) % options.length;
        options.forEach(function (o, n) { o.classList.toggle("hub-picker__option--active", n === active); });
        input.setAttribute("aria-activedescendant", options[active].id);
      } else if (event.key === "Enter") {
        event.preventDefault();  // Enter picks, it never submits the form half-done
        var pick = options[active >= 0 ? active : 0];
        if (pick) choose(pick.getAttribute("data-code"));
      } else if (event.key === "Escape") {
        input.value = ""; showResults();
      }
    });

    form.addEventListener("submit", function () {
      // Replace the plain formsets with the picked rows, under the same field names.
      plain.forEach(function (node) { node.remove(); });
      var hidden = el("div", {hidden: "hidden"});
      relations.forEach(function (relation) {
        var rel = relation[0];
        var picked = order.filter(function (code) { return rows[code][rel] != null; });
        function put(name, value) { hidden.appendChild(el("input", {type: "hidden", name: name, value: String(value)})); }
        put(rel + "-TOTAL_FORMS", picked.length);
        put(rel + "-INITIAL_FORMS", 0);
        put(rel + "-MIN_NUM_FORMS", 0);
        put(rel + "-MAX_NUM_FORMS", 1000);
        picked.forEach(function (code, n) {
          put(rel + "-" + n + "-capacity", code);
          put(rel + "-" + n + "-level", rows[code][rel]);
        });
      });
      form.appendChild(hidden);
    });
    render();
  }

  /* ---------------------------------------------------------------- languages */

  function languagePicker(root) {
    var data = readJSON("language-picker-data");
    var words = readJSON("language-picker-words");
    if (!data || !words) return;
    var names = {};
    data.forEach(function (entry) { names[entry.code] = fold(entry.name + " | " + entry.own + " | " + entry.code); });
    root.querySelectorAll("select[name$='-language']").forEach(function (select, n) {
      var id = select.id + "-filter";
      var box = el("input", {type: "search", id: id, autocomplete: "off", class: "cdx-text-input__input",
        placeholder: words.placeholder});
      var wrap = el("div", {class: "hub-picker__filter"}, [
        el("label", {for: id, class: "visually-hidden", text: words.label.replace("%(n)s", n + 1)}),
        el("div", {class: "cdx-text-input"}, [box]),
      ]);
      select.parentNode.insertBefore(wrap, select);
      box.addEventListener("input", function () {
        var q = fold(box.value.trim());
        var shown = {}, first = null;
        select.querySelectorAll("option").forEach(function (option) {
          var show = !q || !option.value || (names[option.value] || "").indexOf(q) !== -1;
          option.hidden = !show;
          option.disabled = !show && !option.selected;
          if (show && option.value) { shown[option.value] = true; first = first || option; }
        });
        // Only one language left: choose it (its level must still be chosen, never assumed).
        if (q && first && Object.keys(shown).length === 1) { first.selected = true; }
      });
    });
  }

  /* ------------------------ a multiple select (need form) or a single one (offer form) */

  function multiPicker(select) {
    var data = readJSON("capacity-picker-data") || [];
    var paths = {};
    data.forEach(function (entry) { paths[entry.code] = entry.path; });
    var options = Array.prototype.slice.call(select.options).filter(function (o) { return o.value; });
    options.forEach(function (o) {
      o.cleanText = o.textContent.replace(/^[\s\u00a0]+/, "");
      o.haystack = fold(o.cleanText + " | " + o.value + " | " + (paths[o.value] || []).join(" "));
    });
    var label = document.querySelector("label[for='" + select.id + "']");
    var id = select.id + "-search";
    var input = el("input", {type: "search", id: id, autocomplete: "off", class: "cdx-text-input__input",
      role: "combobox", "aria-expanded": "false", "aria-controls": id + "-results", "aria-autocomplete": "list"});
    var results = el("ul", {id: id + "-results", role: "listbox", class: "hub-picker__results"});
    results.hidden = true;
    var chips = el("ul", {class: "hub-picker__chosen hub-picker__chips"});
    select.hidden = true;
    if (label) label.htmlFor = id;
    select.parentNode.insertBefore(el("div", {class: "hub-picker"}, [
      el("div", {class: "cdx-text-input"}, [input]), results, chips]), select);

    function render() {
      chips.textContent = "";
      options.filter(function (o) { return o.selected; }).forEach(function (o) {
        var remove = el("button", {type: "button", class: "cdx-button cdx-button--weight-quiet hub-picker__remove"}, [
          el("span", {"aria-hidden": "true", text: "×"}),
          el("span", {class: "visually-hidden", text: (select.getAttribute("data-remove") || "Remove") + " " + o.cleanText}),
        ]);
        remove.addEventListener("click", function () {
          if (select.multiple) o.selected = false; else select.value = "";
          render(); input.focus();
        });
        chips.appendChild(el("li", {class: "hub-picker__row", "data-code": o.value}, [
          el("span", {class: "hub-picker__chip"}, [
            el("span", {class: "hub-picker__label", text: o.cleanText}),
            (paths[o.value] || []).length ? el("span", {class: "hub-picker__path", text: paths[o.value].join(" › ")}) : null,
          ]), remove]));
      });
    }
    function show() {
      var q = fold(input.value.trim());
      results.textContent = "";
      var found = q ? options.filter(function (o) { return o.haystack.indexOf(q) !== -1; }).slice(0, 12) : [];
      found.forEach(function (o) {
        var item = el("li", {role: "option", class: "hub-picker__option", "data-code": o.value}, [
          el("span", {class: "hub-picker__label", text: o.cleanText}),
          (paths[o.value] || []).length ? el("span", {class: "hub-picker__path", text: paths[o.value].join(" › ")}) : null,
        ]);
        if (o.selected) item.setAttribute("aria-selected", "true");
        // A single select keeps one choice: choosing another replaces the chip.
        item.addEventListener("click", function () { o.selected = true; input.value = ""; show(); render(); });
        results.appendChild(item);
      });
      results.hidden = !found.length;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
    }
    input.addEventListener("input", show);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        var first = results.querySelector("[role=option]");
        if (first) first.click();
      }
    });
    render();
  }

  document.querySelectorAll("[data-capacity-picker]").forEach(capacityPicker);
  document.querySelectorAll("select[data-picker]").forEach(multiPicker);
  document.querySelectorAll("[data-language-picker]").forEach(languagePicker);
})();
