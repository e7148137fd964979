// The source pane beside the forms: the document's text, or for scans the page image.
//
// It follows the form being read (scrolling the text to that form's first cell as the form comes
// into view) and marks the text of the clicked cell; for OCR and PDF cells it draws the cell's
// box on its page, rendered by GET /api/reports/{id}/pages/{n}.png.
import { api, el, problemText, state } from "./util.js";

const images = new Map(); // `${reportId}:${page}` → Promise<{url, scale}>

export function renderSource(report) {
  const provenance = report.provenance;
  const pre = el("pre", { id: "source-text" }, provenance.text || "");
  return el("aside", { class: "source", id: "source-pane" },
    el("h3", {}, "原文 Source", el("small", {}, ` ${provenance.media_type || ""}${provenance.text_truncated ? "（已截断 truncated）" : ""}`)),
    pre);
}

function pageFigure() {
  // made on the first click on a cell with a box: text documents never get an image
  let figure = document.getElementById("page-figure");
  const pre = document.getElementById("source-text");
  if (!figure && pre) {
    figure = el("figure", { id: "page-figure", hidden: true },
      el("div", { class: "page-frame" }, el("img", { id: "page-image", alt: "原件页面 page image" }), el("div", { id: "page-box" })),
      el("figcaption", { id: "page-caption" }));
    pre.before(figure);
  }
  return figure;
}

export function showSource(start, end) {
  const pre = document.getElementById("source-text");
  const text = state.report && state.report.provenance.text;
  if (!pre || !text || start === null || start === undefined || end === null || end === undefined) return;
  const mark = el("mark", {}, text.slice(start, end));
  pre.replaceChildren(text.slice(0, start), mark, text.slice(end));
  pre.scrollTop = Math.max(0, mark.offsetTop - pre.offsetTop - pre.clientHeight / 2);  // the pane only, not the page
}

function scrollSourceTo(start) {
  const pre = document.getElementById("source-text");
  const text = state.report && state.report.provenance.text;
  if (!pre || !text) return;
  const anchor = el("span", { class: "form-anchor" });
  pre.replaceChildren(text.slice(0, start), anchor, text.slice(start));
  pre.scrollTop = Math.max(0, anchor.offsetTop - pre.offsetTop - 8);
}

export function followForms(sections, firstChars) {
  // the form being read is the last one whose top has passed the upper third of the window;
  // checked on scroll (once per frame), so a jump from the contents lands on the right form
  const pre = document.getElementById("source-text");
  if (!pre || !sections.length) return;
  let pending = false;
  const update = () => {
    pending = false;
    if (!pre.isConnected) { window.removeEventListener("scroll", onScroll); return; }
    const line = window.innerHeight / 3;
    let current = sections[0];
    for (const section of sections) if (section.getBoundingClientRect().top <= line) current = section;
    const index = current.dataset.formIndex;
    if (pre.dataset.following === index) return;
    pre.dataset.following = index;
    const start = firstChars[Number(index)];
    if (start !== null && start !== undefined) scrollSourceTo(start);
    document.querySelectorAll("#toc a").forEach((a) => a.classList.toggle("current", a.dataset.formIndex === index));
  };
  const onScroll = () => { if (!pending) { pending = true; requestAnimationFrame(update); } };
  window.addEventListener("scroll", onScroll, { passive: true });
  update();
}

export async function showCellOnPage(cell) {
  const figure = pageFigure();
  if (!figure || !cell.bbox || !cell.page || !state.report) return;
  const key = `${state.report.id}:${cell.page}`;
  if (!images.has(key)) {
    images.set(key, api(`/api/reports/${state.report.id}/pages/${cell.page}.png`).then(async (response) => ({
      url: URL.createObjectURL(await response.blob()),
      scale: Number(response.headers.get("X-Jixiao-Scale") || "1"),
    })));
  }
  let page;
  try {
    page = await images.get(key);
  } catch (e) {
    images.delete(key);
    document.getElementById("page-caption").textContent = `无法显示原件页面 — no page image: ${problemText(e)}`;
    figure.hidden = false;
    return;
  }
  const img = document.getElementById("page-image");
  if (img.src !== page.url) {
    img.src = page.url;
    await img.decode().catch(() => null);
  }
  figure.hidden = false;
  const [x0, y0, x1, y1] = cell.bbox;
  const box = document.getElementById("page-box");
  const ratio = page.scale * (img.clientWidth / (img.naturalWidth || 1));  // bbox units → displayed pixels
  Object.assign(box.style, {
    left: `${Math.min(x0, x1) * ratio}px`, top: `${Math.min(y0, y1) * ratio}px`,
    width: `${Math.abs(x1 - x0) * ratio}px`, height: `${Math.abs(y1 - y0) * ratio}px`,
  });
  box.dataset.bbox = cell.bbox.join(",");
  document.getElementById("page-caption").textContent = `第 ${cell.page} 页，框出所点单元格 — page ${cell.page}, the clicked cell boxed`;
  const frame = figure.querySelector(".page-frame");
  frame.scrollTop = Math.max(0, Math.min(y0, y1) * ratio - frame.clientHeight / 3);
}
