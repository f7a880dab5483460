/* Cite a provision: "Sao chép liên kết" and "Sao chép trích dẫn" on each
   provision of a document page, on hover and on keyboard focus of its label.

   The provisions are written by vanban.extensions.provisions: an element with
   data-eid, whose printed label is a link with aria-label "Liên kết đến
   <citation>" ("điểm a khoản 1"). The document's full designation ("Kế hoạch
   số 855/KH-UBND ngày 28/02/2024 của Ủy ban nhân dân tỉnh Ninh Thuận") is
   the data-designation of the page's properties box or "Trích từ" line,
   rendered from front matter. The formal citation is the smallest unit first,
   then the designation, then the link (the canonical address when the site
   has one, else the page's own).

   One toolbar serves the whole page: it moves after the label of the
   provision under the pointer or holding focus, so that it follows the label
   in the tab order. The result is announced in a polite live region. Loaded
   as a file (no inline script: the hosted edition's Content-Security-Policy),
   and it works from file:// (the offline edition), where the clipboard API
   may be missing: then a hidden text area and execCommand("copy") are used. */
(() => {
  "use strict";
  const provisions = document.querySelectorAll("[data-eid]");
  if (!provisions.length) return;

  const source = document.querySelector("[data-designation]");
  const designation = source ? source.getAttribute("data-designation") : "";
  const canonical = document.querySelector('link[rel="canonical"]');
  const PREFIX = "Liên kết đến ";

  const make = (tag, attributes, text) => {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    if (text) element.textContent = text;
    return element;
  };
  const tools = make("span", { class: "cite-tools", role: "group", "aria-label": "Trích dẫn" });
  const copyLink = make("button", { type: "button", class: "cite-tools__button" }, "Sao chép liên kết");
  const copyCitation = make("button", { type: "button", class: "cite-tools__button" }, "Sao chép trích dẫn");
  tools.append(copyLink, copyCitation);
  tools.hidden = true;
  const status = make("p", { class: "a11y-hidden", role: "status", "aria-live": "polite" });
  document.body.append(status);

  let current = null;

  const labelOf = (provision) =>
    provision.querySelector(":scope > a.provision-label, :scope > p:first-of-type > a.provision-label");

  const attach = (provision) => {
    const label = provision && labelOf(provision);
    if (!label || provision === current) return;
    label.after(tools);
    current = provision;
    tools.hidden = false;
  };

  const address = (provision) => {
    const base = (canonical ? canonical.href : location.href).split("#")[0].split("?")[0];
    return `${base}#${provision.getAttribute("data-eid")}`;
  };

  const citation = (provision) => {
    const label = labelOf(provision);
    const name = (label.getAttribute("aria-label") || "").replace(PREFIX, "");
    return `${`${name} ${designation}`.trim()}\n${address(provision)}`;
  };

  const fallbackCopy = (text) => {
    const area = make("textarea", { "aria-hidden": "true", class: "cite-tools__scratch" });
    area.value = text;
    document.body.append(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    return done;
  };

  const copy = async (text, done, button) => {
    let ok = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        ok = true;
      }
    } catch (error) {
      ok = false;
    }
    if (!ok) ok = fallbackCopy(text);
    const message = ok ? done : "Không sao chép được: hãy chọn và sao chép bằng tay.";
    status.textContent = "";
    setTimeout(() => { status.textContent = message; }, 50);
    button.setAttribute("data-copied", ok ? "true" : "false");
    setTimeout(() => button.removeAttribute("data-copied"), 2000);
    button.focus();
  };

  copyLink.addEventListener("click", () => current && copy(address(current), "Đã sao chép liên kết", copyLink));
  copyCitation.addEventListener("click", () => current && copy(citation(current), "Đã sao chép trích dẫn", copyCitation));

  document.addEventListener("mouseover", (event) => {
    const provision = event.target.closest && event.target.closest("[data-eid]");
    if (!provision || provision === current) return;
    // The pointer went to another provision: the tools go with it.
    if (tools.contains(document.activeElement)) document.activeElement.blur();
    attach(provision);
  });
  document.addEventListener("focusin", (event) => {
    if (event.target.matches && event.target.matches("a.provision-label")) {
      attach(event.target.closest("[data-eid]"));
    }
  });
  // Arriving by a link (or a search result) at a provision: its tools are there too.
  const arrived = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (arrived) attach(arrived.closest("[data-eid]"));
})();
