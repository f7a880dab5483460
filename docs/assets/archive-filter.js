/*
 * Filters of the archive list (the "Văn bản" page, docs/van-ban/index.md).
 *
 * The list is HTML written at build time (vanban/extensions/archive.py) and
 * works without this file. With it, a form above the list narrows it down:
 * by form (loại văn bản), by year, and by words typed into a text box, the
 * list changing as one types. Words match without their accents, as in the
 * site's search: both sides are folded the way vanban/text.py `fold` does
 * (NFD, combining marks removed, đ -> d), so "quyet dinh" finds "Quyết
 * định". Every word typed must begin a word of the document's number, form,
 * date, issuing body or abstract (a word also begins after "/" and "-": "2023"
 * finds 25/12/2023, "4/ubnd" finds 4/UBND-VX and not 14/UBND-VX). The form is built here, so a reader without
 * JavaScript never sees controls that would do nothing; its options (forms,
 * years) come from the list's own attributes (data-loai, data-nam).
 *
 * The documents: when the page lists all of them (data-complete), they are
 * read from the page itself. Otherwise the list index shows only the newest,
 * and the data of every document is loaded when the reader first turns to
 * the form (focus, a key, a choice), never with the page: a script the build
 * writes next to van-ban.json (hooks/documents_json.py), named by this
 * script's data-source attribute, that sets `window.vanBan`. A script, not a
 * fetch of the JSON: the offline edition runs from file://, where browsers
 * refuse fetch. It loads under the hosted edition's Content-Security-Policy
 * (same origin), and the form's options and results are built with DOM
 * methods, never from HTML strings.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var box = document.getElementById("danh-sach");
  if (!script || !box || !box.parentNode || !window.URL) {
    return;
  }
  var root = new URL("..", script.src);
  var source = script.getAttribute("data-source");
  var PAGE = 100;

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* Whether `term` begins a word of `text`. */
  function begins(text, term) {
    for (var at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      if (at === 0 || /[\s\/\-(,.;:]/.test(text.charAt(at - 1))) {
        return true;
      }
    }
    return false;
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  /* One document; `iso` is its date as yyyy-mm-dd. */
  function record(url, number, kind, iso, issuer, abstract) {
    var parts = (iso || "").split("-");
    var date = parts.length === 3 ? parts[2] + "/" + parts[1] + "/" + parts[0] : "";
    var item = {
      url: url, number: number, kind: kind, date: date, issuer: issuer,
      abstract: abstract, year: parts[0] || "", iso: iso || "",
      name: (kind ? kind + " số " : "") + number
    };
    item.words = fold([item.name, date, issuer, abstract].join(" "));
    return item;
  }

  /* The documents the page itself lists (every one: data-complete). */
  function fromPage() {
    return Array.prototype.map.call(box.querySelectorAll(".vb-item"), function (entry) {
      var link = entry.querySelector("a");
      var time = entry.querySelector("time");
      var abstract = entry.querySelector(".vb-item__abstract");
      var after = time && time.nextSibling && time.nextSibling.nodeType === 3 ? time.nextSibling.data : "";
      var name = link.textContent;
      var at = name.lastIndexOf(" số ");
      return record(link.href, at < 0 ? name : name.slice(at + 4), at < 0 ? "" : name.slice(0, at),
        time ? time.getAttribute("datetime") : "", after.replace(/^\s*của\s+/, "").trim(),
        abstract ? abstract.textContent : "");
    });
  }

  /* Every document, from the build's data script (loaded once). */
  var loading = null;
  function data() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (!source) {
          resolve(fromPage());
          return;
        }
        var tag = element("script", { src: new URL(source, location.href).href });
        tag.onload = function () {
          var loaded = window.vanBan;
          if (!loaded || !loaded.items) {
            reject(new Error("no data"));
            return;
          }
          var at = {};
          loaded.fields.forEach(function (name, index) { at[name] = index; });
          resolve(loaded.items.map(function (row) {
            return record(new URL(row[at.url], root).href, row[at.so_ky_hieu], row[at.loai_van_ban],
              row[at.ngay_ban_hanh], row[at.co_quan_ban_hanh], row[at.trich_yeu] || "");
          }));
        };
        tag.onerror = function () { reject(new Error("not loaded")); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  /* The form, before the list. */
  function choice(id, label, values) {
    var field = element("div", { "class": "vb-filter__field" });
    field.appendChild(element("label", { "for": id }, label));
    var select = element("select", { id: id });
    select.appendChild(element("option", { value: "" }, "Tất cả"));
    values.forEach(function (value) {
      if (value) {
        select.appendChild(element("option", { value: value }, value));
      }
    });
    field.appendChild(select);
    return { field: field, control: select };
  }

  var form = element("form", { "class": "vb-filter", role: "search", "aria-label": "Lọc danh mục văn bản" });
  var words = element("div", { "class": "vb-filter__field vb-filter__field--words" });
  words.appendChild(element("label", { "for": "vb-tu-ngu" }, "Tìm theo số ký hiệu, trích yếu, cơ quan"));
  var query = element("input", {
    id: "vb-tu-ngu", type: "search", autocomplete: "off", spellcheck: "false",
    "aria-describedby": "vb-goi-y"
  });
  words.appendChild(query);
  words.appendChild(element("p", { id: "vb-goi-y", "class": "vb-filter__hint" },
    "Gõ có dấu hay không dấu đều được, ví dụ: quyet dinh 2023."));
  var kinds = choice("vb-loai", "Loại văn bản", (box.getAttribute("data-loai") || "").split("|"));
  var years = choice("vb-nam", "Năm ban hành", (box.getAttribute("data-nam") || "").split("|"));
  form.appendChild(words);
  form.appendChild(kinds.field);
  form.appendChild(years.field);
  var status = element("p", { "class": "vb-filter__status", role: "status" });
  box.parentNode.insertBefore(form, box);
  box.parentNode.insertBefore(status, box);

  var original = Array.prototype.slice.call(box.childNodes);
  var shown = PAGE;
  var last = null;

  function item(list, entry) {
    var row = element("li", { "class": "vb-item" });
    row.appendChild(element("a", { href: entry.url }, entry.name));
    row.appendChild(document.createTextNode(" ngày "));
    row.appendChild(element("time", { datetime: entry.iso }, entry.date));
    if (entry.issuer) {
      row.appendChild(document.createTextNode(" của " + entry.issuer));
    }
    if (entry.abstract) {
      row.appendChild(element("span", { "class": "vb-item__abstract" }, entry.abstract));
    }
    list.appendChild(row);
  }

  function render(found, count) {
    var nodes = [];
    var list = null;
    var year = null;
    found.slice(0, count).forEach(function (entry) {
      if (entry.year !== year) {
        year = entry.year;
        nodes.push(element("h2", { "class": "vb-archive__year" }, "Năm " + year));
        list = element("ul", { "class": "vb-list" });
        nodes.push(list);
      }
      item(list, entry);
    });
    if (found.length > count) {
      var more = element("button", { type: "button", "class": "md-button vb-archive__more-button" },
        "Hiện thêm " + Math.min(PAGE, found.length - count) + " văn bản");
      more.addEventListener("click", function () {
        shown = count + PAGE;
        apply().then(function () {
          /* The keyboard goes on from the first document added. */
          var next = box.querySelectorAll(".vb-item > a")[count];
          if (next) {
            next.focus();
          }
        });
      });
      nodes.push(more);
    }
    box.replaceChildren.apply(box, nodes);
  }

  function number(count) {
    return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function apply() {
    var terms = fold(query.value).split(/\s+/).filter(Boolean);
    var kind = kinds.control.value;
    var year = years.control.value;
    var key = [terms.join(" "), kind, year].join("\u0000");
    if (!terms.length && !kind && !year) {
      last = null;
      shown = PAGE;
      box.replaceChildren.apply(box, original);
      status.textContent = "";
      return Promise.resolve();
    }
    if (key !== last) {
      shown = PAGE;
      last = key;
    }
    return data().then(function (all) {
      if (key !== last) {
        return; /* the reader typed on meanwhile */
      }
      var found = all.filter(function (entry) {
        return (!kind || entry.kind === kind) && (!year || entry.year === year) &&
          terms.every(function (term) { return begins(entry.words, term); });
      });
      render(found, shown);
      status.textContent = !found.length ? "Không có văn bản nào phù hợp." :
        "Có " + number(found.length) + " văn bản phù hợp" +
        (found.length > shown ? ", đang hiện " + number(shown) + " văn bản mới nhất." : ".");
    }, function () {
      status.textContent = "Không tải được danh mục đầy đủ; danh sách dưới đây vẫn dùng được.";
    });
  }

  /* A link to a part of the page's own list (its table of contents: "Năm 2024") while
     results are shown: back to that list, at that part. */
  window.addEventListener("hashchange", function () {
    var id = decodeURIComponent(location.hash.slice(1));
    if (last === null || !id || document.getElementById(id)) {
      return;
    }
    var target = null;
    original.forEach(function (node) {
      if (!target && node.nodeType === 1) {
        target = node.id === id ? node : node.querySelector("#" + CSS.escape(id));
      }
    });
    if (target) {
      query.value = "";
      kinds.control.value = "";
      years.control.value = "";
      apply();
      target.scrollIntoView();
    }
  });

  /* Load the data as soon as the reader turns to the form, before the first word is typed. */
  form.addEventListener("focusin", function () { data().catch(function () {}); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  query.addEventListener("input", apply);
  kinds.control.addEventListener("change", apply);
  years.control.addEventListener("change", apply);
})();
