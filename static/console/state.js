/* The console's DOM nodes and what it knows: the agent, the lists, the open conversation. */
import { $ } from "./dom.js";

export const root = document.getElementById("console");

export const ui = {
  presence: $("presence"),
  connection: $("connection"),
  notice: $("notice"),
  mine: $("mine"),
  mineEmpty: $("mine-empty"),
  mineCount: $("mine-count"),
  queue: $("queue"),
  queueEmpty: $("queue-empty"),
  queueCount: $("queue-count"),
  all: $("all"),
  allEmpty: $("all-empty"),
  allCount: $("all-count"),
  agents: $("agents"),
  placeholder: $("conv-placeholder"),
  conv: $("conv"),
  title: $("conv-title"),
  status: $("conv-status"),
  agent: $("conv-agent"),
  reason: $("conv-reason"),
  accept: $("accept"),
  transferBox: $("transfer-box"),
  transferSelect: $("transfer-select"),
  transfer: $("transfer"),
  closeConv: $("close-conv"),
  transcript: $("transcript"),
  typing: $("customer-typing"),
  form: $("reply-form"),
  canned: $("canned"),
  noteToggle: $("note-toggle"),
  hint: $("reply-hint"),
  input: $("reply-input"),
  send: $("reply-send"),
  profile: $("profile"),
  profileBody: $("profile-body"),
};

export const state = {
  ws: null,
  attempt: 0,
  stopped: false,
  me: null,
  desiredPresence: null,
  conversations: new Map(), // id -> summary (not waiting)
  queue: [],
  agents: [],
  current: null, // id of the open conversation
  bySeq: new Map(),
  pending: new Map(), // client_id -> node
  customerRead: 0,
  readSent: 0,
  typingSentAt: 0,
  typingIdle: null,
  customerTypingTimer: null,
  noticeTimer: null,
  fresh: new Set(), // assigned to me but not opened yet
  forcedNote: false,
};
export const isSupervisor = () =>
  state.me ? ["supervisor", "administrator"].includes(state.me.role)
    : ["supervisor", "administrator"].includes(root.dataset.role);

