// The list of reports beside the page: search box, status filter, pages, and deleting a report.
//
// Filtering is the service's (GET /api/reports?q=&status=): the page only sends what was typed.
import { $, api, el, problemText, reportName, state, STATUS_LABEL, toast } from "./util.js";

export async function loadList() {
  const params = new URLSearchParams({ limit: state.limit, offset: state.offset });
  if (state.query) params.set("q", state.query);
  if (state.status) params.set("status", state.status);
  try {
    const page = await (await api(`/api/reports?${params}`)).json();
    const list = $("#report-list");
    const items = page.items.map((r) => el("li", { class: `status-${r.status}`, dataset: { id: r.id } },
      el("a", { href: `#/reports/${r.id}`, title: r.filename }, reportName(r)),
      el("span", { class: "badge" }, STATUS_LABEL[r.status] || r.status)));
    if (!items.length) items.push(el("li", { class: "hint" }, state.query || state.status ? "没有符合条件的报告 — no match" : "还没有报告 — none yet"));
    list.replaceChildren(...items);
    const last = Math.min(page.total, page.offset + page.items.length);
    $("#page-label").textContent = page.total ? `${page.offset + 1}–${last} / ${page.total}` : "—";
    $("#prev-page").disabled = page.offset === 0;
    $("#next-page").disabled = page.next_offset === null;
  } catch (e) {
    $("#report-list").replaceChildren(el("li", { class: "problem" }, problemText(e)));
  }
}

export function setupList() {
  let typing = null;
  const search = () => {
    state.query = $("#search-q").value.trim();
    state.status = $("#search-status").value;
    state.offset = 0;
    loadList();
  };
  $("#search-form").addEventListener("submit", (event) => { event.preventDefault(); search(); });
  $("#search-q").addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(search, 300); });
  $("#search-status").addEventListener("change", search);
  $("#prev-page").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); loadList(); });
  $("#next-page").addEventListener("click", () => { state.offset += state.limit; loadList(); });
}

export async function deleteReport(report) {
  // asks first: the report, its result, its corrections and the uploaded file all go
  const question = `删除报告“${reportName(report)}”及其上传文件、结果和更正记录？此操作无法撤销。\nDelete this report, its upload, result and corrections? This cannot be undone.`;
  if (!window.confirm(question)) return false;
  try {
    await api(`/api/reports/${report.id}`, { method: "DELETE" });
  } catch (e) {
    toast(`删除失败 — delete failed: ${problemText(e)}`);
    return false;
  }
  toast("已删除 — deleted");
  state.report = null;
  location.hash = "#/";
  $("#report").replaceChildren(el("p", { class: "hint" }, "报告已删除 — the report was deleted"));
  delete $("#report").dataset.reportId;
  loadList();
  return true;
}
