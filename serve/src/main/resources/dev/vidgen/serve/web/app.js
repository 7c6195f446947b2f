// The vidgen playground page. Every text that comes from the server is shown through
// textContent or attributes, never parsed as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const MODE_NAMES = {
  'text-to-video': 'Text to video', 'image-to-video': 'Image to video',
  'reference-to-video': 'Reference to video', 'video-edit': 'Video edit'
};
const FIELD_ERRORS = {
  model: 'err-model', mode: 'err-mode', prompt: 'err-prompt', images: 'err-images', videos: 'err-videos',
  seconds: 'err-seconds', aspect_ratio: 'err-aspect-ratio', resolution: 'err-resolution', params: 'err-params'
};
const FIELD_INPUTS = {
  model: 'model', mode: 'mode', prompt: 'prompt', images: 'dropzone', videos: 'videos',
  aspect_ratio: 'aspect-ratio', resolution: 'resolution'
};
const OFFLINE_WORDS = 'The playground server does not answer; is vidgen serve still running? The page reconnects by'
  + ' itself when it is back.';

const state = {
  models: new Map(),
  provider: '',
  maxUploadBytes: 10 * 1024 * 1024,
  images: [],          // {upload, name, url} or {url}
  uploading: 0,
  checkSeq: 0,
  checkPending: false,
  lastCheck: null,
  sending: false,      // a Generate waiting for its answer
  sendingRecheck: null, // the timer that reads the history again while a card says its create is on its way
  offline: false,      // the server's event stream is down
  imageRefusal: '',    // why the last image was not taken, shown until the images change
  imageRefusalFull: false, // that refusal is because the model's images were all there: said again on a model change
  imagesRestored: '',  // what Use these settings could not fill in of a job's images (local files), until they change
  promptLevel: 'within', // the prompt against its limit, as last said: within, near (90 %) or over
  promptErrorsSaid: new Set(), // the prompt's errors (by code) said so far, so that each is said once
  quickPrompt: null,   // the text the last quick prompt put in the prompt, while it holds it untouched
  promptBeforeQuick: null, // the typed prompt that quick prompt replaced, which Undo brings back
  focusBeforeOffline: null, // the control that had the focus when the server stopped answering and it was disabled
  currentTask: null,   // task id shown in the result panel
  panelHeld: false,    // the result panel shows a Generate's own outcome: other tasks' events leave it be
  tasks: new Map(),    // task id -> latest view
  clockBase: new Map(), // task id -> {elapsed, at}
  warnings: new Map(),  // task id -> what its Generate's answer warned of (a create sent again after a 500)
  balance: null,        // credits left as last read; null when unlimited or unknown
  balanceLimitedBy: null, // what the balance read is the key's quota or the account's credits: 'key' or 'account'
  againAfter: null,     // the task id the "pay again?" question named: a confirmation is for that take
  notesSaid: new Set()  // the notes (warnings) already said, by field and code
};

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key === 'className') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

async function api(path, options) {
  const response = await fetch(path, Object.assign({ credentials: 'same-origin' }, options));
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  return { ok: response.ok, status: response.status, body };
}

function model() { return state.models.get($('model').value); }

function formatCredits(value) { return value === null || value === undefined ? '' : String(value); }

// JSON numbers lose trailing zeros on the way in (0.10 arrives as 0.1); dollars show at least cents.
function formatUsd(value) {
  const [whole, fraction = ''] = String(value).split('.');
  return '$' + whole + '.' + fraction.padEnd(2, '0');
}

function priceText(quote) {
  if (!quote) return 'unknown';
  if (!quote.known) return 'unknown';
  return `${formatCredits(quote.credits)} credits · ${formatUsd(quote.usd)}`;
}

// Beside a status, where "unknown" alone would read as the status. A failed task's price is its quote: whether the
// provider charges it is not known; nor is it for a create that got no answer, which may have made no task, or a
// billed one (the JSON says "charge": "unknown" for both). Earlier takes of its create answered with a server error may be paid tasks too.
function taskPriceText(task) {
  // A create found later is paid once, on its task's own card.
  if (task.status === 'found') return 'paid on its task\'s own card';
  // Closed with --no-task: on the user's word it made no task, so nothing is counted (nor tracked, had it made one).
  if (task.status === 'closed') return 'no task found, as told';
  // The first take of a create sent again after a server error: the task its take sent again made counts it
  // ("may also have made a paid task, up to … more"), so its price is said there, once.
  if (task.status === 'unknown' && task.counted_on) return `may have made a paid task, counted on task ${task.counted_on}'s card`;
  const quote = quoteOf(task);
  const open = Number(task.open_tasks) || 0;
  if (task.status === 'unknown' && Number(task.possible_tasks) > 1 && open > 0) {
    // Each take answered with a server error may have made a task of its own.
    return `up to ${open} ${open === 1 ? 'task' : 'tasks'}`
      + (task.credits_at_most !== null && task.credits_at_most !== undefined
        ? `, up to ${formatCredits(task.credits_at_most)} credits · ${formatUsd(task.usd_at_most)}` : ', price unknown')
      + ', charge unknown';
  }
  let text = quote.known ? priceText(quote) : 'price unknown';
  // The mock prices a job as the provider would but charges nothing: its cards do not read as paid.
  if (chargesNothing() && task.provider === 'mock') return (quote.known ? 'quoted ' + text : text) + ', nothing charged (mock)';
  if (task.charge === 'unknown') text = (quote.known ? 'quoted ' + text : text) + ', charge unknown';
  const takes = Number(task.possible_extra_tasks) || 0;
  if (takes > 0) {
    text += `; ${takes === 1 ? 'an earlier take of its create' : takes + ' earlier takes of its create'}`
      + ' (of unknown outcome, then sent again) may also have made a paid task'
      + (task.possible_extra_credits !== null && task.possible_extra_credits !== undefined
        ? `, up to ${formatCredits(task.possible_extra_credits)} credits more` : '');
  }
  return text;
}

function chosenMode(route) {
  const value = $('mode').value;
  return value && route.modes.includes(value) ? value : null;
}

function imageRange(route) {
  const mode = chosenMode(route);
  if (mode) return route.images[mode];
  const ranges = route.modes.map((m) => route.images[m]);
  return { min: Math.min(...ranges.map((r) => r.min)), max: Math.max(...ranges.map((r) => r.max)) };
}

// ---- the form, following the chosen model's rules ----

function fillModels(list, defaultId) {
  const select = $('model');
  select.replaceChildren();
  const families = new Map();
  for (const route of list) {
    state.models.set(route.id, route);
    if (!families.has(route.family)) families.set(route.family, []);
    families.get(route.family).push(route);
  }
  for (const [family, routes] of families) {
    const group = el('optgroup', { label: family });
    for (const route of routes) {
      group.append(el('option', { value: route.id, text: route.name + (route.retired ? ' (retired)' : '') }));
    }
    select.append(group);
  }
  if (defaultId) select.value = defaultId;
}

function renderModel(keep) {
  const route = model();
  if (!route) return;
  const note = [];
  if (route.retired) note.push('Retired' + (route.retired_note && route.retired_note !== 'retired' ? ': ' + route.retired_note : '') + '.');
  else if (route.retired_on) note.push('Retired from ' + route.retired_on + (route.retired_note ? ': ' + route.retired_note : '') + '.');
  note.push(route.id + ' · ' + route.modes.map((m) => MODE_NAMES[m] || m).join(', '));
  $('model-note').textContent = note.join(' ');

  const modeSelect = $('mode');
  const previousMode = keep && keep.mode !== undefined ? keep.mode : modeSelect.value;
  modeSelect.replaceChildren(el('option', { value: '', text: 'From the inputs' }));
  for (const mode of route.modes) modeSelect.append(el('option', { value: mode, text: MODE_NAMES[mode] || mode }));
  modeSelect.value = route.modes.includes(previousMode) ? previousMode : '';
  $('mode-field').hidden = route.modes.length < 2;

  const secondsBox = $('seconds-options');
  const kept = keep && keep.seconds !== undefined && keep.seconds !== null && keep.seconds !== '';
  const previousSeconds = kept ? Number(keep.seconds) : keep && keep.defaults ? null : selectedSeconds();
  secondsBox.replaceChildren();
  // An automatic length (0 or -1, the provider chooses) is offered last, as one choice: -1 where the route takes it.
  const automatic = route.automatic_seconds || [];
  const automaticChoice = automatic.length ? Math.min(...automatic) : null;
  const values = automatic.length ? route.seconds.concat([automaticChoice]) : route.seconds;
  const secondsText = (value) => value <= 0 ? 'automatic length' : value + ' s';
  // 0 and -1 are the one automatic choice.
  const asked = previousSeconds !== null && previousSeconds <= 0 && automaticChoice !== null ? automaticChoice
    : previousSeconds;
  const wanted = values.includes(asked) ? asked : route.default_seconds;
  // A duration the model does not offer is replaced by its default: said, so that no one is left holding another.
  setLiveText('seconds-changed', asked !== null && !values.includes(asked)
    ? `${secondsText(asked)} is not offered by ${route.id}: set to ${secondsText(wanted)}.` : '');
  if (values.length <= 6) {
    for (const value of values) {
      const input = el('input', { type: 'radio', name: 'seconds', value, id: 'seconds-' + value, 'aria-describedby': 'err-seconds' });
      input.checked = value === wanted;
      secondsBox.append(el('label', { for: 'seconds-' + value }, input, document.createTextNode(secondsText(value))));
    }
  } else {
    const select = el('select', { id: 'seconds', name: 'seconds', 'aria-label': 'Duration in seconds', 'aria-describedby': 'err-seconds' });
    for (const value of values) select.append(el('option', { value, text: secondsText(value) }));
    select.value = String(wanted);
    secondsBox.append(select);
  }

  renderParams(route, keep && keep.params);
  fillChoice('aspect-ratio', 'ratio-field', route.aspect_ratios, route.default_aspect_ratio, keep && keep.aspect_ratio,
    keep && keep.defaults);
  fillChoice('resolution', 'resolution-field', route.resolutions, route.default_resolution, keep && keep.resolution,
    keep && keep.defaults);
  renderImagesRule();
  renderCounter();
}

// Without a wanted value the field keeps what it holds, or with fallbackFirst takes the model's default.
function fillChoice(id, fieldId, values, fallback, wanted, fallbackFirst) {
  const select = $(id);
  const previous = wanted || (fallbackFirst ? '' : select.value);
  select.replaceChildren();
  if (!fallback) select.append(el('option', { value: '', text: "The provider's default" }));
  for (const value of values) select.append(el('option', { value, text: value }));
  const match = values.find((v) => previous && v.toLowerCase() === String(previous).toLowerCase());
  select.value = match || fallback || '';
  $(fieldId).hidden = values.length === 0;
}

function renderParams(route, wanted) {
  const box = $('params');
  const previous = wanted || paramsJson();
  box.replaceChildren();
  for (const name of route.known_params || []) {
    const id = 'param-' + name;
    // Described by the error region, as every other field is, so that a refusal is read at the input.
    const input = el('input', { id, type: 'text', 'data-param': name, autocomplete: 'off', 'aria-describedby': 'err-params' });
    const value = previous[name];
    if (value !== undefined && value !== null) input.value = typeof value === 'string' ? value : JSON.stringify(value);
    input.addEventListener('input', scheduleCheck);
    box.append(el('div', { className: 'field' }, el('label', { for: id, text: name }), input));
  }
  $('advanced-field').hidden = !(route.known_params || []).length;
}

// A parameter as typed: numbers, true/false/null and JSON objects or lists are read as JSON, the rest is text, as
// --param reads it. A value that starts with { or [ but is not JSON is sent as typed: the server refuses it
// (param.not_json), and the page shows that refusal at the field, rather than sending it as text.
function paramValue(text) {
  const trimmed = text.trim();
  if (/^([-0-9[{]|true$|false$|null$)/.test(trimmed)) {
    try { return JSON.parse(trimmed); } catch (e) { /* text: refused by the server when it starts with { or [ */ }
  }
  return trimmed;
}

function paramsJson() {
  const params = {};
  for (const input of document.querySelectorAll('#params input[data-param]')) {
    if (input.value.trim() !== '') params[input.dataset.param] = paramValue(input.value);
  }
  return params;
}

function selectedSeconds() {
  const radio = document.querySelector('input[name=seconds]:checked');
  if (radio) return Number(radio.value);
  const select = $('seconds');
  return select ? Number(select.value) : null;
}

function renderImagesRule() {
  const route = model();
  if (!route) return;
  const range = imageRange(route);
  $('images-field').hidden = range.max === 0 && state.images.length === 0 && !state.imagesRestored;
  $('images-required').textContent = range.min > 0 ? (range.min === range.max ? `required: exactly ${range.min}` : `required: ${range.min} to ${range.max}`)
    : (range.max > 0 ? `optional, up to ${range.max}` : 'not taken');
  $('images-help').textContent = `JPEG, PNG or WebP, checked by content, at most ${Math.round(state.maxUploadBytes / 1048576)} MB.`;
  const full = state.images.length >= range.max;
  $('dropzone').setAttribute('aria-disabled', full ? 'true' : 'false');
  $('add-url').disabled = full;
  renderThumbs();
  renderVideosRule(route);
  renderRatioField(route);
}

// The input videos field, shown when the chosen mode (or, with none chosen, some mode) takes videos.
function renderVideosRule(route) {
  const mode = chosenMode(route);
  const ranges = (mode ? [mode] : route.modes).map((m) => (route.videos || {})[m] || { min: 0, max: 0 });
  const range = { min: Math.min(...ranges.map((r) => r.min)), max: Math.max(...ranges.map((r) => r.max)) };
  $('videos-field').hidden = range.max === 0 && videoUrls().length === 0;
  $('videos-required').textContent = range.min > 0
    ? (range.min === range.max ? `required: exactly ${range.min}` : `required: ${range.min} to ${range.max}`)
    : (range.max > 0 ? `optional, up to ${range.max}` : 'not taken');
}

function videoUrls() {
  return $('videos').value.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
}

// The mode the server will take: the one chosen, else the one the images imply (frames when their
// count fits, else references), as the server infers it.
function effectiveMode(route) {
  const chosen = chosenMode(route);
  if (chosen) return chosen;
  if (videoUrls().length > 0) {
    if (route.modes.includes('video-edit')) return 'video-edit';
    const references = route.modes.includes('reference-to-video') && ((route.videos || {})['reference-to-video'] || { max: 0 }).max > 0;
    return references ? 'reference-to-video' : 'video-edit';
  }
  const count = state.images.length;
  if (count === 0) return 'text-to-video';
  const fits = (mode) => route.modes.includes(mode) && count >= route.images[mode].min && count <= route.images[mode].max;
  if (fits('image-to-video')) return 'image-to-video';
  return fits('reference-to-video') ? 'reference-to-video' : 'image-to-video';
}

// The ratio field offers what the mode allows, defaulting as the server would; a mode that takes
// no aspect ratio (or ignores it) gets none: the field goes, and none is sent.
function renderRatioField(route) {
  const mode = effectiveMode(route);
  const ratios = (route.aspect_ratios_by_mode || {})[mode];
  if (ratios) fillChoice('aspect-ratio', 'ratio-field', ratios.choices, ratios.default, null);
  const without = (route.modes_without_aspect_ratio || []).includes(mode);
  $('ratio-field').hidden = route.aspect_ratios.length === 0 || without || (ratios && ratios.choices.length === 0);
}

function renderThumbs() {
  const list = $('thumbs');
  list.replaceChildren();
  state.images.forEach((image, index) => {
    // An image by address is the provider's to fetch: the page's policy loads images from the server only.
    const picture = image.upload
      ? el('img', { src: image.url, alt: 'Reference image ' + (index + 1) })
      : el('span', { className: 'remote', 'aria-hidden': 'true', text: 'URL' });
    const name = el('span', { className: 'name', text: image.name || image.url || '' });
    const remove = el('button', {
      type: 'button', className: 'secondary', text: 'Remove',
      'aria-label': 'Remove image ' + (index + 1),
      onclick: () => removeImage(index)
    });
    list.append(el('li', { 'data-upload': image.upload || null }, picture, name, remove));
  });
}

// Removing an image rebuilds the list: the focus goes to the Remove button now in its place (or the one before), else to
// the drop zone or the address field, never to the page's top, and what went is said.
function removeImage(index) {
  const [gone] = state.images.splice(index, 1);
  imagesChanged();
  setLiveText('images-status', `Removed ${gone.name || gone.url || 'image ' + (index + 1)}.`);
  const buttons = document.querySelectorAll('#thumbs button');
  const next = buttons[Math.min(index, buttons.length - 1)];
  if (next) next.focus();
  else if ($('dropzone').getAttribute('aria-disabled') !== 'true') $('dropzone').focus();
  else $('image-url').focus();
}

function renderCounter() {
  const route = model();
  const length = [...$('prompt').value].length;
  const counter = $('prompt-counter');
  const limit = route && route.max_prompt_chars;
  const level = !limit ? 'within' : length > limit ? 'over' : length >= Math.ceil(limit * 0.9) ? 'near' : 'within';
  // The count itself is not a live region: it changes at every key, and is read with the field.
  counter.textContent = limit ? `${length} / ${limit}` : `${length} characters`;
  counter.classList.toggle('over', level === 'over');
  announcePromptLevel(level, route, limit - length);
}

// Said once when the prompt comes near its limit (90 %), once when it goes over, and once when it is back within: not at
// every key.
function announcePromptLevel(level, route, left) {
  const was = state.promptLevel;
  if (level === was) return;
  state.promptLevel = level;
  // A limit the provider does not document is vidgen's guess: said so, as the check's warning does.
  $('prompt-over').textContent = level === 'over'
    ? route.max_prompt_chars_assumed ? `The prompt is over the ${route.max_prompt_chars}-character limit vidgen assumes`
      + ' (the provider documents none); it is sent, but the provider may refuse it.'
      : `The prompt is over the ${route.max_prompt_chars}-character limit.`
    : was === 'over' ? 'The prompt is within the limit again.'
    : level === 'near' ? `The prompt is near the ${route.max_prompt_chars}-character limit`
      + (route.max_prompt_chars_assumed ? ' vidgen assumes (the provider documents none)' : '')
      + `: ${left} ${left === 1 ? 'character' : 'characters'} left.`
    : '';
}

function formJson() {
  const route = model();
  return {
    model: $('model').value,
    mode: route && chosenMode(route),
    prompt: $('prompt').value,
    seconds: selectedSeconds(),
    aspect_ratio: $('ratio-field').hidden ? null : ($('aspect-ratio').value || null),
    resolution: $('resolution-field').hidden ? null : ($('resolution').value || null),
    images: state.images.map((image) => (image.upload ? { upload: image.upload } : { url: image.url })),
    videos: $('videos-field').hidden ? [] : videoUrls().map((url) => ({ url })),
    params: paramsJson()
  };
}

// ---- live checks: violations, price, preview, commands ----

let checkTimer = null;
function scheduleCheck() {
  hideAgain(); // a changed form is another question
  // A check already on its way was of the form before this change: its answer is not shown, nor does it end the wait.
  state.checkSeq++;
  state.checkPending = true;
  updateGenerate();
  clearTimeout(checkTimer);
  checkTimer = setTimeout(runCheck, 120);
}

async function runCheck() {
  const seq = ++state.checkSeq;
  let result;
  try {
    result = await api('/api/check', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(formJson())
    });
  } catch (e) {
    if (seq === state.checkSeq) {
      showFieldErrors([{ field: 'form', severity: 'error', message: 'The playground server does not answer; is vidgen serve still running?' }]);
      setOffline(true);
    }
    return;
  }
  if (seq !== state.checkSeq) return;
  state.checkPending = false;
  setOffline(false);
  if (!result.ok) {
    const error = (result.body && result.body.error) || { message: 'the check failed (HTTP ' + result.status + ')' };
    state.lastCheck = null;
    showFieldErrors([{ field: error.field || 'form', severity: 'error', message: error.message + (error.next ? ' — ' + error.next : '') }]);
    updateGenerate();
    restoreFocusAfterOffline();
    return;
  }
  state.lastCheck = result.body;
  showFieldErrors(result.body.violations);
  const quote = result.body.quote;
  setLiveText('price', priceText(quote));
  $('price-basis').textContent = quote ? quote.basis : '';
  const preview = result.body.preview;
  const previewHadFocus = document.activeElement === $('preview-body');
  $('preview-line').textContent = preview ? preview.method + ' ' + preview.url : 'No request until the problems marked are fixed.';
  $('preview-body').textContent = preview ? preview.body : '';
  if (previewHadFocus && !preview) focusFirstProblem();
  $('command-text').textContent = result.body.command || '';
  // No command (too long, or a broken character it cannot carry): nothing to copy, and the note says why.
  $('copy-command').disabled = !result.body.command;
  // What the form refused and the command could not carry: said beside it, so that a pasted command runs no other job.
  setLiveText('command-note', result.body.command_note || '');
  $('curl-text').textContent = result.body.curl || '';
  $('copy-curl').disabled = !result.body.curl;
  showSameJob(result.body.same_job);
  showFunds();
  updateGenerate();
  restoreFocusAfterOffline();
}

// The request body the focus was on is hidden by a new error: the focus goes to the first field marked invalid (its
// error is read with it), or else to the line that says why there is no request, never to the page's top.
function focusFirstProblem() {
  const marked = [...document.querySelectorAll('#job-form [aria-invalid=true]')].filter((node) =>
    node.matches('input, select, textarea, [tabindex]') && !node.disabled && node.offsetParent !== null
    && !(node.type === 'radio' && !node.checked && document.querySelector(`input[name=${node.name}]:checked`)));
  if (marked.length) marked[0].focus();
  else $('preview-line').focus();
}

// Before Generate: a job that costs more than the balance last read is said here (the server would refuse it, sending
// nothing, after reading the balance again in case of a top-up).
function showFunds() {
  const quote = state.lastCheck && state.lastCheck.valid ? state.lastCheck.quote : null;
  const short = quote && quote.known && state.balance !== null && Number(quote.credits) > state.balance;
  $('funds-short').hidden = !short;
  // The server words what to do by what is short: the key's quota or the account's credits.
  const advice = state.balanceAdvice || 'top up first, or choose a shorter or cheaper job';
  // Led by what is short: the key's quota or the account's credits (the server's advice then says what to do).
  const left = state.balanceLimitedBy === 'key' ? `The key's quota has ${formatCredits(state.balance)} credits left`
    : state.balanceLimitedBy === 'account' ? `The account has ${formatCredits(state.balance)} credits left`
    : `The balance is ${formatCredits(state.balance)} credits`;
  setLiveText('funds-short', short ? `${left} and this job costs`
    + ` ${formatCredits(quote.credits)}. ${advice.charAt(0).toUpperCase()}${advice.slice(1)}`
    + ' (Generate would be refused, with nothing sent).' : '');
}

// The history holds this exact job from the last day: generating again makes (and pays for) another take.
function showSameJob(same) {
  const note = $('same-job');
  // A failed take is not the same job done: trying again is what it needs.
  const shown = Boolean(same) && same.status !== 'failed';
  note.hidden = !shown;
  if (!shown) {
    setLiveText('same-job', '');
    return;
  }
  // A create still without an answer has no task yet: its note's name is vidgen's own, not the provider's.
  const which = String(same.task_id).startsWith('unanswered-') ? `the history's note ${same.task_id}` : `task ${same.task_id}`;
  setLiveText('same-job', `You generated this exact job ${agoText(same.submitted_at)} (${which}, ${statusWords(same).toLowerCase()}).`
    + (chargesNothing() ? ' Generating again makes another take (the mock provider charges nothing).'
      : ' Generating again makes another take and pays for it again.'));
}

// The mock makes tasks without charging: its questions do not speak of paying.
function chargesNothing() {
  return state.provider === 'mock';
}

function agoText(at) {
  const minutes = Math.max(0, Math.round((Date.now() - Date.parse(at)) / 60000));
  return minutes < 1 ? 'just now' : minutes < 90 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}

function fieldKey(field) {
  const base = field.replace(/\[.*$/, '').replace(/\..*$/, '');
  // With one mode there is no mode field: its problems are about the inputs, shown at the images.
  if (base === 'mode' && $('mode-field').hidden) return 'images';
  return FIELD_ERRORS[base] ? base : 'other';
}

// The messages are built apart and a region is rewritten only when its words change: each error area is a live
// region, and rewriting it on every keystroke with the same words would have a screen reader say them again.
function showFieldErrors(violations) {
  const boxes = new Map();
  const box = (id) => {
    if (!boxes.has(id)) boxes.set(id, document.createElement($(id).tagName));
    return boxes.get(id);
  };
  for (const id of [...Object.values(FIELD_ERRORS), 'err-other', 'warnings']) box(id);
  const invalid = new Set();
  const invalidParams = new Set();
  let secondsInvalid = false;
  if (state.imageRefusal) box('err-images').append(document.createTextNode(state.imageRefusal));
  for (const violation of violations || []) {
    if (violation.severity !== 'error') {
      box('warnings').append(el('li', { text: 'Note: ' + violation.message }));
      continue;
    }
    const key = fieldKey(violation.field || '');
    if (key === 'other') {
      box('err-other').append(el('li', { text: violation.message }));
      continue;
    }
    const field = box(FIELD_ERRORS[key]);
    if (field.textContent) field.append(document.createElement('br'));
    field.append(document.createTextNode(violation.message));
    if (FIELD_INPUTS[key]) invalid.add(FIELD_INPUTS[key]);
    if (key === 'seconds') secondsInvalid = true;
    if (key === 'params') invalidParams.add('param-' + violation.field.slice('params.'.length));
  }
  for (const [id, built] of boxes) {
    if ($(id).innerHTML !== built.innerHTML) $(id).replaceChildren(...built.childNodes);
  }
  sayNewNotes(violations);
  sayNewPromptErrors(violations);
  for (const id of Object.values(FIELD_INPUTS)) {
    $(id).classList.toggle('invalid', invalid.has(id));
    if (invalid.has(id)) $(id).setAttribute('aria-invalid', 'true');
    else $(id).removeAttribute('aria-invalid');
  }
  // The duration is a group of radios (or one select): the group and each of its choices are marked.
  for (const input of [$('seconds-field'), ...document.querySelectorAll('#seconds-options input, #seconds-options select')]) {
    input.classList.toggle('invalid', secondsInvalid && input.id !== 'seconds-field');
    if (secondsInvalid) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
  // A parameter the server refused is marked at its own input, and the Advanced options are opened to show it.
  for (const input of document.querySelectorAll('#params input[data-param]')) {
    const refused = invalidParams.has(input.id);
    input.classList.toggle('invalid', refused);
    if (refused) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
  if (invalidParams.size) $('advanced-field').open = true;
}

// The notes list is not live: its words may change at every key (a prompt's length, say). A note is said once, when it
// appears (by its field and code); while the same notes stay, nothing is said again.
function sayNewNotes(violations) {
  const notes = (violations || []).filter((v) => v.severity !== 'error');
  const keys = new Set(notes.map((v) => (v.field || '') + '|' + (v.code || v.message)));
  const fresh = notes.filter((v) => !state.notesSaid.has((v.field || '') + '|' + (v.code || v.message)));
  state.notesSaid = keys;
  if (fresh.length) setLiveText('warnings-said', fresh.map((v) => 'Note: ' + v.message).join(' '));
  else if (!notes.length) setLiveText('warnings-said', '');
}

// The prompt's errors are not a live region: their words may change at every key (its length). Each is said once, when
// it appears (by its code); going over a limit the counter shows is said by the counter's own region.
function sayNewPromptErrors(violations) {
  const route = model();
  const errors = (violations || []).filter((v) => v.severity === 'error' && fieldKey(v.field || '') === 'prompt'
    && !(v.code === 'prompt.too_long' && route && route.max_prompt_chars));
  const keys = new Set(errors.map((v) => v.code || v.message));
  const fresh = errors.filter((v) => !state.promptErrorsSaid.has(v.code || v.message));
  state.promptErrorsSaid = keys;
  if (fresh.length) setLiveText('prompt-errors-said', fresh.map((v) => v.message).join(' '));
  else if (!errors.length) setLiveText('prompt-errors-said', '');
}

// Sets a live region's words only when they change, so that a screen reader does not repeat them.
function setLiveText(id, text) {
  if ($(id).textContent !== text) $(id).textContent = text;
}

function errorCount() {
  if (!state.lastCheck) return 1;
  return state.lastCheck.violations.filter((v) => v.severity === 'error').length;
}

// While a Generate waits for its answer nothing the form does enables the button: a second click would pay again.
function updateGenerate() {
  const button = $('generate');
  button.textContent = state.sending ? 'Sending…' : 'Generate';
  button.disabled = state.sending || state.offline || state.checkPending || state.uploading > 0 || !state.lastCheck
    || !state.lastCheck.valid || errorCount() > 0;
}

// An upload refused (or one too many) is said at the images, beside the check's own messages, until they change.
function refuseImage(text, slotFull) {
  state.imageRefusal = text;
  state.imageRefusalFull = Boolean(slotFull);
  $('err-images').textContent = text;
}

function imagesChanged() {
  state.imageRefusal = '';
  state.imageRefusalFull = false;
  // What Use these settings said of the images is about those it filled in: these changed.
  state.imagesRestored = '';
  renderImagesRestored();
  renderImagesRule();
  scheduleCheck();
}

// ---- quick prompts ----

// A quick prompt fills an empty prompt, or one that holds another quick prompt untouched. A prompt the user typed is
// replaced only with a way back: the Undo button after the prompt brings it back; what happened is said either way.
function useQuickPrompt(chip) {
  const prompt = $('prompt');
  const quick = [...document.querySelectorAll('.chip')].map((c) => c.dataset.prompt);
  if (prompt.value.trim() !== '' && !quick.includes(prompt.value)) state.promptBeforeQuick = prompt.value;
  prompt.value = chip.dataset.prompt;
  state.quickPrompt = chip.dataset.prompt;
  const undoable = state.promptBeforeQuick !== null;
  $('prompt-undo').hidden = !undoable;
  setLiveText('prompt-quick-said', undoable
    ? `Your prompt was replaced by the quick prompt "${chip.textContent.trim()}"; Undo, after the prompt, brings yours back.`
    : `The quick prompt "${chip.textContent.trim()}" is in the prompt.`);
  renderCounter();
  scheduleCheck();
  prompt.focus();
}

// Undo: the typed prompt a quick prompt replaced is back, said so, with the focus in it.
function undoQuickPrompt() {
  if (state.promptBeforeQuick === null) return;
  $('prompt').value = state.promptBeforeQuick;
  $('prompt').focus();
  forgetQuickPrompt();
  setLiveText('prompt-quick-said', 'Your prompt is back.');
  renderCounter();
  scheduleCheck();
}

// Typed in: once the prompt no longer holds the quick prompt, there is nothing to undo.
function quickPromptEdited() {
  if ($('prompt').value !== state.quickPrompt) forgetQuickPrompt();
}

function forgetQuickPrompt() {
  state.quickPrompt = null;
  state.promptBeforeQuick = null;
  $('prompt-undo').hidden = true;
  setLiveText('prompt-quick-said', '');
}

// ---- reference images ----

async function addFiles(files) {
  const route = model();
  let refusal = '';
  let slotFull = false;
  for (const file of files) {
    if (state.images.length >= imageRange(route).max) {
      refusal = fullSlot(route);
      slotFull = true;
      break;
    }
    if (file.size > state.maxUploadBytes) {
      refusal = `${file.name} is over the ${Math.round(state.maxUploadBytes / 1048576)} MB upload limit; shrink or recompress it.`;
      continue;
    }
    refusal = await upload(file) || refusal;
  }
  imagesChanged();
  if (refusal) refuseImage(refusal, slotFull && refusal === fullSlot(route));
}

// A refusal because the images were all there names a model: on another model it is said again of that model while its
// images are all there too, and goes once they are not.
function recheckFullSlot() {
  if (!state.imageRefusalFull) return;
  const route = model();
  if (state.images.length >= imageRange(route).max) {
    refuseImage((state.imageRefusal.startsWith('Not added: ') ? 'Not added: ' : '') + fullSlot(route), true);
  } else {
    refuseImage('', false);
  }
}

// Why no more image is taken: the model's (or mode's) images are all there.
function fullSlot(route) {
  const max = imageRange(route).max;
  return `${route.id} takes at most ${max} ${max === 1 ? 'image' : 'images'}; remove one first.`;
}

// Uploads one file; why it was refused, or '' when it was taken.
async function upload(file) {
  state.uploading++;
  updateGenerate();
  $('err-images').textContent = 'Checking ' + file.name + '…';
  try {
    const result = await api('/api/uploads', {
      method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) }, body: file
    });
    if (result.ok) {
      // Shown under the name chosen now, also when the same bytes were uploaded before under another name.
      state.images.push({ upload: result.body.upload, name: file.name || result.body.name, url: result.body.url });
      setLiveText('images-status', `${file.name || result.body.name} added.`);
      return '';
    }
    const error = (result.body && result.body.error) || { message: 'the upload failed (HTTP ' + result.status + ')' };
    return file.name + ': ' + error.message + (error.next ? ' — ' + error.next : '');
  } catch (e) {
    return file.name + ': the upload did not reach the playground server.';
  } finally {
    state.uploading--;
  }
}

function setupImages() {
  const zone = $('dropzone');
  const input = $('file');
  const open = () => { if (zone.getAttribute('aria-disabled') !== 'true') input.click(); };
  zone.addEventListener('click', open);
  zone.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); open(); }
  });
  zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    addFiles([...event.dataTransfer.files]);
  });
  input.addEventListener('change', () => { addFiles([...input.files]); input.value = ''; });
  $('add-url').addEventListener('click', addUrl);
  // Enter in the address field adds it, as the button beside it does; it never sends the form.
  $('image-url').addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    addUrl();
  });
}

// Only an http(s) address becomes a tile: the provider fetches images over the web, and another kind
// (javascript:, data:, file:) would only be refused by the check after it was shown.
function addUrl() {
  const url = $('image-url').value.trim();
  if (!url) return;
  const route = model();
  if (state.images.length >= imageRange(route).max) {
    // The slot is full (Add URL is disabled then): Enter in the field says why, as a second file does.
    refuseImage('Not added: ' + fullSlot(route), true);
    return;
  }
  if (!isWebAddress(url)) {
    refuseImage('Not added: ' + url.slice(0, 80) + (url.length > 80 ? '…' : '') + ' is not an http(s) address;'
      + ' give an https:// address the provider can fetch, or drop the file here.');
    $('image-url').setAttribute('aria-invalid', 'true');
    return;
  }
  $('image-url').removeAttribute('aria-invalid');
  state.images.push({ url, name: url });
  $('image-url').value = '';
  imagesChanged();
}

function isWebAddress(text) {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch (e) {
    return false;
  }
}

// ---- generate, live status, the video ----

// again: the user confirmed paying for another take of a job the history holds (only the confirmation sends it).
async function generate(again) {
  if ($('generate').disabled || state.sending) return;
  const confirmed = again === true;
  hideAgain();
  const shown = state.currentTask;
  state.sending = true;
  // The note above Generate names this job as made lately: the server answers with the question and sends nothing. Until
  // that answer the panel, its status and the focus stay as they are (no "Sending…", no earlier failure said again);
  // state.sending keeps a second click from sending.
  const expectQuestion = !confirmed && !$('same-job').hidden;
  if (!expectQuestion) startSending();
  const form = formJson();
  // The price the page shows goes along: should it have changed since (a route file edited), nothing is sent and the
  // server says so, and the new price is shown before anything is paid.
  const shownQuote = state.lastCheck && state.lastCheck.quote;
  if (shownQuote) form.quoted_credits = shownQuote.known ? shownQuote.credits : 'unknown';
  // The confirmation is for the take the question named: a newer one (made in another tab meanwhile) is asked about anew.
  if (confirmed) {
    form.again = true;
    form.again_after = state.againAfter;
  }
  let result;
  try {
    result = await api('/api/generate', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(form)
    });
  } catch (e) {
    result = { ok: false, status: 0, body: { error: { message: 'The playground server does not answer, so whether the job'
      + ' was sent is not known.', next: 'start vidgen serve again and look for the job in the history before you generate it again' } } };
  }
  state.sending = false;
  const asks = result.status === 409 && result.body && result.body.error && result.body.error.code === 'same_job';
  // Not the question after all (a job sent, or refused otherwise): the panel tells of it, as for any Generate.
  if (expectQuestion && !asks) startSending(true);
  if (result.ok) {
    generated(result.body.task, result.body.warnings || []);
  } else if (asks) {
    if (!expectQuestion) releasePanel(shown);
    updateGenerate();
    askAgain(result.body, confirmed);
    return;
  } else {
    notGenerated(result);
  }
  updateGenerate();
  loadBalance();
}

// The result panel is given to this Generate. The button is disabled while the job is sent, which would drop the
// keyboard's focus to the page's top: it goes to the panel that tells what happens to the job instead.
// answered: the answer came already, and the status says it next, without a "Sending…" before it.
function startSending(answered) {
  updateGenerate();
  holdPanel();
  if (!answered) setLiveText('task-status', 'Sending…');
  $('h-result').focus();
}

// The server sent nothing: this exact job was made lately, and another take pays again. The page asks, as vidgen
// generate does at a terminal; only the confirmation sends the job again, saying that it is meant.
// askedBefore: the question answered was about another take, and this one was made since (in another tab, say).
function askAgain(body, askedBefore) {
  const same = body.same_job || {};
  state.againAfter = same.task_id || null;
  const quote = body.quote;
  const price = quote && quote.known ? `${formatCredits(quote.credits)} credits` : 'for it';
  const what = same.status === 'unknown'
    ? `its create got no usable answer, so it may exist and be billed: ${same.task_id}`
    : `task ${same.task_id}, ${statusWords(same).toLowerCase()}`;
  // The title names the dialog (aria-labelledby): on the mock it speaks of no paying either.
  $('again-title').textContent = chargesNothing() ? 'Generate another take?' : 'Pay again for the same job?';
  $('again-text').textContent = (askedBefore ? 'Nothing was sent: another take of this job was made since you'
    + ' were asked. ' : '') + `You made this exact job ${agoText(same.submitted_at)} (${what}).`
    + (chargesNothing() ? ' The mock provider charges nothing.'
      : ` Generate again and pay ${price} again?`);
  $('again-yes').textContent = chargesNothing() ? 'Generate again'
    : quote && quote.known ? `Generate again and pay ${price}` : 'Generate again and pay';
  $('again-confirm').hidden = false;
  // The least costly answer has the focus: a second Enter does not pay.
  $('again-no').focus();
}

// The question answered no (Cancel, Escape): nothing is sent, and the keyboard's focus goes back to Generate (or, while
// Generate cannot be used, to the prompt), not to the page's top.
function cancelAgain() {
  hideAgain();
  if (!$('generate').disabled) $('generate').focus();
  else $('prompt').focus();
}

function hideAgain() {
  $('again-confirm').hidden = true;
  $('again-text').textContent = '';
}

// A Generate answered without a task gives the result panel back to what it showed before.
function releasePanel(shown) {
  state.panelHeld = false;
  state.currentTask = shown;
  const task = shown && state.tasks.get(shown);
  if (task) {
    renderCurrent(task, null);
  } else {
    $('result').hidden = true;
    $('result-empty').hidden = false;
  }
}

// The result panel given to a Generate: cleared, and kept from other tasks' updates until a task is shown in it.
function holdPanel() {
  state.currentTask = null;
  state.panelHeld = true;
  showResult();
  $('task-line').textContent = '';
  $('elapsed').textContent = '';
  $('progress').hidden = true;
  $('failure').hidden = true;
  $('video').hidden = true;
  $('video').removeAttribute('src');
  $('download').hidden = true;
  // An earlier task's notice and warning (a create sent again, say) are not this job's: a held panel shows neither.
  $('task-notice').hidden = true;
  $('task-notice').textContent = '';
  $('task-warning').hidden = true;
  $('task-warning-message').textContent = '';
}

function generated(task, warnings) {
  state.panelHeld = false;
  state.currentTask = task.task_id;
  // Such as create.resent: the create was sent again after a server error, and its first take may be billed too.
  if (warnings.length) state.warnings.set(task.task_id, warnings.map((w) => w.message).join(' '));
  updateTask(task);
  scheduleCheck();
}

// A Generate that failed stays shown; the check runs again, so that a job that may have been sent is named above
// Generate before it is clicked again, and the history shows what the server kept of it.
function notGenerated(result) {
  const error = (result.body && result.body.error) || { message: 'HTTP ' + result.status };
  $('task-notice').hidden = true; // a retry's wait is over: the answer says how it ended
  $('task-notice').textContent = '';
  showFailure(error.message, error.next);
  setLiveText('task-status', maybeSent(result.status, error) ? 'Maybe sent: it may exist and be billed' : 'Not sent');
  scheduleCheck();
  if (result.body && result.body.violations) showFieldErrors(result.body.violations);
  loadHistory();
}

// The server's refusals (bad form, the key, credits, stopping) are answered before a create leaves; a provider error or
// no answer at all may come after it went out.
function maybeSent(status, error) {
  if (error && error.sent) return error.sent === 'maybe';
  return status === 0 || (status >= 500 && status !== 503);
}

function showResult() {
  $('result-empty').hidden = true;
  $('result').hidden = false;
}

function showFailure(message, next) {
  $('failure').hidden = false;
  $('failure-message').textContent = message || 'The job failed.';
  $('failure-next').textContent = next ? 'What to do: ' + next : '';
}

function statusWords(task) {
  switch (task.status) {
    // A status word vidgen does not know reads as queued; progress says the work has begun.
    case 'queued': return task.progress > 0 ? 'Generating' : 'Queued at the provider';
    case 'in_progress': return 'Generating';
    case 'completed': return 'Done';
    case 'failed': return 'Failed';
    // No verdict: the provider answered "not found" (gone after its day, or asked at another server).
    case 'not_found': return 'Not found by the provider when last asked';
    case 'unknown': return task.uploading === true ? 'Uploading… its create is not sent yet'
      // No answer at all, or none usable (a gateway's page, server errors to the end): either way a task may exist.
      : stillSending(task) ? 'Sending… no answer yet' : 'Create got no usable answer: it may exist and be billed';
    case 'found': return 'Create found later as its own task';
    case 'closed': return 'Create closed: no task found, as told';
    default: return task.status;
  }
}

// The server notes a create before it leaves, and says of each note whether its create is still on its way.
function stillSending(task) {
  return task.sending === true;
}

function elapsedText(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

function updateTask(task) {
  const previous = state.tasks.get(task.task_id);
  // A task this page has not heard of may be the answer to a create noted as unanswered: the history drops that note.
  if (!previous) loadHistory();
  // Every event carries the images to use again; one that did not would keep those already known.
  if (!task.image_urls && previous && previous.image_urls) task.image_urls = previous.image_urls;
  state.tasks.set(task.task_id, task);
  state.clockBase.set(task.task_id, { elapsed: task.elapsed_ms || 0, at: Date.now() });
  const same = state.lastCheck && state.lastCheck.same_job;
  if (same && same.task_id === task.task_id && same.status !== task.status) {
    same.status = task.status;
    showSameJob(same);
  } else if (!previous && state.lastCheck) {
    // A task new to this page may be another take of the job in the form (made in another tab, say), or the answer
    // of a create the note named as still on its way, which the history now holds in that note's place: the check
    // says again what the same job is, so that the note names its newest take (a question on the screen stays).
    runCheck();
  }
  if (!state.currentTask && !state.panelHeld && !isFinished(task)) state.currentTask = task.task_id;
  if (state.currentTask === task.task_id) renderCurrent(task, previous);
  // This page's Generate waits while its create is sent again (a 429, a 503): why, whether anything is paid, when.
  if (state.sending && state.panelHeld && stillSending(task) && task.notice) showSendingNotice(task.notice);
  renderHistory();
  // Read again when this page saw a task finish, not for each finished task the history brings (one read, not one each).
  if (isFinished(task) && previous && !isFinished(previous)) loadBalance();
}

function showSendingNotice(notice) {
  $('task-notice').hidden = false;
  setLiveText('task-notice', 'Waiting: ' + notice);
}

// Finished for the page: the task ended, or following it stopped (task.problem says why).
// A create that got no answer ('unknown', 'found' later as its own task, or 'closed' with none) is not followed either.
function isFinished(task) {
  return ['completed', 'failed', 'not_found', 'unknown', 'found', 'closed'].includes(task.status)
    || Boolean(task.problem);
}

function renderCurrent(task, previous) {
  showResult();
  $('task-line').textContent = `${task.task_id} · ${task.model} · ${taskPriceText(task)}`;
  const progress = task.progress === null || task.progress === undefined ? null : task.progress;
  setLiveText('task-status', statusWords(task) + (progress !== null && !isFinished(task) ? ` · ${progress}%` : ''));
  const bar = $('progress');
  if (progress === null && !isFinished(task)) bar.removeAttribute('value'); else bar.value = progress === null ? 0 : progress;
  bar.hidden = task.status === 'failed' || Boolean(task.problem);
  tickElapsed();
  // The client reading the status again (a 429, a 5xx): said until the next reading.
  $('task-notice').hidden = !task.notice || isFinished(task);
  setLiveText('task-notice', task.notice ? 'Waiting: ' + task.notice : '');
  const warning = state.warnings.get(task.task_id);
  $('task-warning').hidden = !warning;
  setLiveText('task-warning-message', warning || '');
  if (task.status === 'failed' || task.problem) {
    showFailure(task.status === 'failed' ? task.error : task.problem, task.next);
  } else {
    $('failure').hidden = true;
  }
  const video = $('video');
  const link = $('download');
  if (task.status === 'completed' && task.video) {
    if (video.getAttribute('src') !== task.video) video.setAttribute('src', task.video);
    video.hidden = false;
    link.setAttribute('href', task.video);
    link.setAttribute('download', task.video.split('/').pop());
    link.hidden = false;
  } else if (!previous || previous.task_id !== task.task_id) {
    video.hidden = true;
    video.removeAttribute('src');
    link.hidden = true;
  }
}

function tickElapsed() {
  const id = state.currentTask;
  const task = id && state.tasks.get(id);
  if (!task) return;
  const base = state.clockBase.get(id) || { elapsed: 0, at: Date.now() };
  // By its status only: a problem while following it (the provider not answering for a while) ends no task.
  const ended = ['completed', 'failed', 'not_found', 'unknown', 'found', 'closed'].includes(task.status);
  const elapsed = ended ? base.elapsed : base.elapsed + (Date.now() - base.at);
  // A create without an answer never ran as far as vidgen knows, and a task that ended while no one watched it
  // (the playground stopped) ran for a time no one knows: no time to tell.
  const untimed = ['unknown', 'found', 'closed', 'not_found'].includes(task.status)
      || (ended && (task.elapsed_ms === null || task.elapsed_ms === undefined));
  $('elapsed').textContent = untimed ? '' : (ended ? 'Took ' : 'Elapsed ') + elapsedText(elapsed);
}

function quoteOf(task) {
  return task.credits === null || task.credits === undefined ? { known: false } : { known: true, credits: task.credits, usd: task.usd };
}

// ---- history ----

async function loadHistory() {
  let result;
  try {
    result = await api('/api/history');
  } catch (e) {
    return;
  }
  if (!result.ok) return;
  dropAnsweredNotes(result.body.tasks);
  // A task the history lists that this page did not know (made by vidgen generate, or while the stream was down) may be
  // a newer take of the job in the form: the note above Generate is checked again.
  const gained = state.historyRead && result.body.tasks.some((task) => !state.tasks.has(task.task_id));
  state.historyRead = true;
  for (const task of result.body.tasks) {
    state.tasks.set(task.task_id, task);
    if (!state.clockBase.has(task.task_id)) state.clockBase.set(task.task_id, { elapsed: task.elapsed_ms || 0, at: Date.now() });
    if (!state.currentTask && !state.panelHeld && !isFinished(task) && task.source === 'serve') state.currentTask = task.task_id;
  }
  const current = state.currentTask && state.tasks.get(state.currentTask);
  if (current) renderCurrent(current, null);
  renderHistory();
  if (gained && state.lastCheck) runCheck();
  // A create on its way (sent from another tab, or before a reload) ends without a task event when no answer comes:
  // the history is read again until no card says it is still being sent.
  if (result.body.tasks.some(stillSending) && !state.sendingRecheck) {
    state.sendingRecheck = setTimeout(() => { state.sendingRecheck = null; loadHistory(); }, 5000);
  }
}

// A note about a create without an answer that the history no longer lists was answered (its task has its own entry).
function dropAnsweredNotes(listed) {
  const ids = new Set(listed.map((task) => task.task_id));
  for (const id of [...state.tasks.keys()]) {
    if (id.startsWith('unanswered-') && !ids.has(id)) state.tasks.delete(id);
  }
}

function renderHistory() {
  const list = $('history-list');
  const tasks = [...state.tasks.values()].sort((a, b) => String(b.submitted_at).localeCompare(String(a.submitted_at)));
  $('history-empty').hidden = tasks.length > 0;
  const existing = new Map([...list.children].map((li) => [li.dataset.task, li]));
  const active = document.activeElement;
  const focusedCard = active && active !== document.body && list.contains(active) ? active.closest('li[data-task]') : null;
  const items = tasks.map((task) => {
    const key = [task.task_id, task.status, task.progress ?? '', task.video || '', task.problem || '', task.next || '',
      task.notice || '',
      statusWords(task), taskPriceText(task)].join('|');
    const old = existing.get(task.task_id);
    if (old && old.dataset.key === key) return old;
    const item = historyItem(task);
    item.dataset.key = key;
    return item;
  });
  // Cards that did not change stay where they are, untouched: a card taken out of the page, even to be put back, loses
  // the keyboard's focus.
  const kept = new Set(items);
  for (const li of [...list.children]) if (!kept.has(li)) li.remove();
  items.forEach((item, index) => {
    if (list.children[index] !== item) list.insertBefore(item, list.children[index] || null);
  });
  // A card rebuilt (or moved) while one of its controls had the focus gives it to the same control of the card now shown.
  if (focusedCard && document.activeElement !== active) {
    const again = active.isConnected ? active : list.querySelector(`li[data-task="${CSS.escape(focusedCard.dataset.task)}"]`
      + ` [data-control="${active.dataset.control}"]`);
    if (again) again.focus({ preventScroll: true });
  }
}

function historyItem(task) {
  const settings = task.settings || {};
  const item = el('li', { 'data-task': task.task_id });
  if (task.status === 'completed' && task.video) {
    item.append(el('video', { src: task.video, controls: true, preload: 'metadata', playsinline: true,
      'aria-label': 'Video of ' + task.task_id }));
  }
  const state_ = el('span', { className: 'state ' + task.status, text: statusWords(task) + (task.progress !== null && task.progress !== undefined && !isFinished(task) ? ` ${task.progress}%` : '') });
  item.append(el('div', null, state_, document.createTextNode(' · ' + taskPriceText(task))));
  item.append(el('div', { className: 'meta', text: `${task.model} · ${settingsLine(settings)}` }));
  // An extend or remix names the task whose video it starts from, which its settings alone do not show.
  const followOn = followOnOf(task);
  if (followOn) {
    item.append(el('div', { className: 'meta source',
      text: `${followOn.name} of ${followOn.from} (made with vidgen ${followOn.kind})` }));
  }
  // Its own direction: a prompt in Arabic or Hebrew reads right to left.
  if (settings.prompt) item.append(el('div', { className: 'prompt', dir: 'auto', text: settings.prompt }));
  item.append(el('div', { className: 'meta', text: `${new Date(task.submitted_at).toLocaleString()} · ${task.task_id}` }));
  if (task.status === 'failed' && task.error) item.append(el('div', { className: 'meta', text: task.error }));
  // Following stopped short of the task's own verdict (the key, an outage, a video not saved): why.
  else if (task.problem) item.append(el('div', { className: 'meta problem', text: task.problem }));
  // What to do: how to follow or save it, what to check about a create without an answer, what to change.
  if (task.next) item.append(el('div', { className: 'meta', text: task.next }));
  // A create on its way sent again after a 429 or a 503: why it is still sending.
  if (stillSending(task) && task.notice) item.append(el('div', { className: 'meta', text: 'Waiting: ' + task.notice }));
  if (task.file && !task.video) item.append(el('div', { className: 'meta', text: 'Saved to ' + task.file }));
  const row = el('div', { className: 'copy-row' });
  // The form makes no extend or remix (it has no source video to start from): filled in from such a card it would
  // hold a plain new job, another job at another price, so the card says how to make one instead.
  if (followOn) {
    item.append(el('div', { className: 'meta', text: 'The playground makes no extends or remixes, so this card has no'
      + ` Use these settings: vidgen ${followOn.kind} ${followOn.from} --prompt "…" makes another ${followOn.kind}`
      + ' of that video.' }));
  } else {
    row.append(el('button', {
      type: 'button', className: 'secondary', text: 'Use these settings', 'data-control': 'use',
      'aria-label': 'Use these settings of ' + task.task_id, onclick: () => useSettings(task)
    }));
  }
  if (task.video) {
    row.append(el('a', { href: task.video, download: task.video.split('/').pop(), text: 'Download', 'data-control': 'download',
      'aria-label': 'Download the video of ' + task.task_id }));
  }
  if (task.source === 'serve' || !isFinished(task)) {
    row.append(el('button', {
      type: 'button', className: 'secondary', text: 'Show', 'data-control': 'show',
      'aria-label': 'Show ' + task.task_id + ' above', onclick: () => showTask(task.task_id)
    }));
  }
  item.append(row);
  return item;
}

// A follow-on job of vidgen extend or vidgen remix, recorded with the source "extend of TASK": its kind and that task.
function followOnOf(task) {
  const match = /^(extend|remix) of (\S+)$/.exec(String(task.source || ''));
  return match ? { kind: match[1], name: match[1] === 'extend' ? 'Extend' : 'Remix', from: match[2] } : null;
}

function showTask(id) {
  state.panelHeld = false;
  state.currentTask = id;
  renderCurrent(state.tasks.get(id), null);
  // The focus follows, as after Generate: the next Tab is in the panel just shown, not in the history below.
  $('h-result').focus();
  $('h-result').scrollIntoView();
}

function settingsLine(settings) {
  const parts = [];
  // 0 and -1 both ask for an automatic length, as the duration picker says.
  if (settings.seconds !== undefined && settings.seconds !== null && settings.seconds !== '') {
    parts.push(Number(settings.seconds) <= 0 ? 'automatic length' : settings.seconds + ' s');
  }
  if (settings.aspect_ratio) parts.push(settings.aspect_ratio);
  if (settings.resolution) parts.push(settings.resolution);
  if (settings.mode) parts.push(settings.mode);
  const images = (settings.images || []).length;
  if (images) parts.push(images + (images === 1 ? ' image' : ' images'));
  const videos = (settings.videos || []).length;
  if (videos) parts.push(videos + (videos === 1 ? ' video' : ' videos'));
  return parts.join(' · ') || 'model defaults';
}

async function useSettings(shown) {
  let task = shown;
  // A local file of the job may be held by an upload made since the history was read (the file added again, say):
  // the history is read again for the images as the server gives them now.
  if ((task.image_urls || []).some((i) => !i.upload && !(i.url && /^https?:/.test(i.url)))) {
    await loadHistory();
    task = state.tasks.get(shown.task_id) || shown;
  }
  const settings = task.settings || {};
  if (followOnOf(task) || !state.models.has(settings.model || task.model)) return;
  $('model').value = settings.model || task.model;
  $('prompt').value = settings.prompt || '';
  forgetQuickPrompt();
  const images = task.image_urls || [];
  state.images = images.filter((i) => i.upload || (i.url && /^https?:/.test(i.url)))
    .map((i) => (i.upload ? { upload: i.upload, name: i.name, url: i.url } : { url: i.url, name: i.url }));
  // A local file of a job of vidgen generate is never read by the page: it is named, to be added again, unless an upload
  // here holds the same bytes (by the digest the history keeps), which then stands in for it and is said so.
  showImagesRestored(images.filter((i) => !i.upload && !(i.url && /^https?:/.test(i.url))).map((i) => i.name || 'an image'),
    images.filter((i) => i.upload && i.replaces));
  $('videos').value = (settings.videos || []).filter((v) => /^https?:/.test(v)).join('\n');
  // An inline file the history kept shortened (data:…,elided-…) cannot be sent again: it is left out, to be given anew.
  const params = Object.fromEntries(Object.entries(settings.params || {})
    .filter(([, value]) => !/"data:[^"]*,elided-\d+-chars-sha256-/i.test(JSON.stringify(value))));
  // A field the job left at the model's default (the card reads "model defaults") gets that default again, not what
  // the form held before: the form then holds the job the card shows.
  renderModel({ mode: settings.mode || '', seconds: settings.seconds, aspect_ratio: settings.aspect_ratio,
    resolution: settings.resolution, params, defaults: true });
  scheduleCheck();
  $('prompt').focus();
}

// Beside the images, after Use these settings: the images of that job it could not fill in again and why, and those an
// upload holding the same bytes stands in for. Kept until the images change.
function showImagesRestored(missing, replaced) {
  const parts = [];
  if (missing.length) {
    const names = missing.length === 1 ? missing[0]
      : missing.slice(0, -1).join(', ') + ' and ' + missing[missing.length - 1];
    const one = missing.length === 1;
    parts.push(`Not filled in again: ${names}, ${one ? 'a local file' : 'local files'} of that job (the playground`
      + ` never reads files from your disk). Add ${one ? 'it' : 'them'} again: drop ${one ? 'it' : 'them'} here or`
      + ` choose ${one ? 'the file' : 'the files'}.`);
  }
  for (const image of replaced) {
    parts.push(`${image.replaces}, a local file of that job, is the upload ${image.name}, which holds the same bytes.`);
  }
  state.imagesRestored = parts.join(' ');
  renderImagesRestored();
}

function renderImagesRestored() {
  const note = $('images-restored');
  note.hidden = !state.imagesRestored;
  setLiveText('images-restored', state.imagesRestored || '');
}

// ---- live updates, balance, copying ----

function connectEvents() {
  const source = new EventSource('/api/events');
  source.addEventListener('task', (event) => {
    try { updateTask(JSON.parse(event.data)); } catch (e) { /* a malformed event is skipped */ }
  });
  source.addEventListener('open', () => setOffline(false));
  source.addEventListener('error', () => {
    setOffline(true);
    // The browser tries again by itself after a dropped stream, but gives up on an error answer (such as 503 while
    // the server starts): then a new stream is opened a little later.
    if (source.readyState === EventSource.CLOSED) setTimeout(connectEvents, 3000);
  });
}

// The server stopped answering, or answers again: said at the top; once back, the form is checked and the
// history and balance read again, for what changed meanwhile. A control disabled meanwhile (Generate) would drop the
// keyboard's focus to the page's top: the notice takes it (and is read), and gives it back once the form is checked.
function setOffline(offline) {
  if (offline === state.offline) return;
  state.offline = offline;
  const notice = $('offline');
  if (offline) {
    const active = document.activeElement;
    notice.textContent = OFFLINE_WORDS;
    notice.hidden = false;
    updateGenerate();
    if (active && active !== document.body && active !== notice && (active.disabled || !active.isConnected)) {
      state.focusBeforeOffline = active;
      notice.focus();
    }
    return;
  }
  if (document.activeElement === notice && state.focusBeforeOffline) {
    // Kept in view (it has the focus) until the check now sent is answered, which gives the focus back.
    notice.textContent = 'The playground server answers again; the form is being checked.';
  } else {
    state.focusBeforeOffline = null;
    notice.hidden = true;
  }
  updateGenerate();
  scheduleCheck();
  loadHistory();
  loadBalance();
}

// After the server came back and the form was checked: the focus goes back where it was (else to the prompt).
function restoreFocusAfterOffline() {
  const before = state.focusBeforeOffline;
  if (state.offline || !before || state.checkPending) return;
  state.focusBeforeOffline = null;
  if (document.activeElement === $('offline')) {
    (before.isConnected && !before.disabled ? before : $('prompt')).focus();
  }
  $('offline').hidden = true;
  $('offline').textContent = OFFLINE_WORDS;
}

async function loadBalance() {
  try {
    const result = await api('/api/balance');
    if (!result.ok) {
      // 501: the provider reports no balance at all, which no retry changes.
      setLiveText('balance', (result.status === 501 ? 'Balance: not reported' : 'Balance: unavailable')
        + (result.body && result.body.error ? ' (' + result.body.error.message + ')' : ''));
      $('balance-note').hidden = true;
      recheckUnknownPrice();
      return;
    }
    const b = result.body;
    // The dollars are the server's, exact and at the provider's rate (as vidgen balance shows them), never computed here.
    const rate = b.credits_per_usd !== undefined && b.credits_per_usd !== null && Number(b.credits_per_usd) !== 200
      ? ` at the provider's ${b.credits_per_usd} credits per US dollar` : '';
    setLiveText('balance', b.unlimited ? 'Balance: unlimited'
      : `Balance: ${b.remaining_credits} credits` + (b.usd_words ? ` (${b.usd_words}${rate})` : ''));
    $('balance-note').textContent = b.rate_note ? 'Note: ' + b.rate_note : '';
    $('balance-note').hidden = !b.rate_note;
    state.balance = b.unlimited || b.remaining_credits === null ? null : Number(b.remaining_credits);
    state.balanceAdvice = b.short_advice || null;
    state.balanceLimitedBy = b.limited_by || null;
  } catch (e) {
    setLiveText('balance', 'Balance: unavailable');
    state.balance = null;
    $('balance-note').hidden = true;
  }
  showFunds();
  recheckUnknownPrice();
}

// A job of unknown price is checked again once the balance is read: its note names the balance just shown (or none).
// The form did not change, so this check closes no open question and leaves Generate usable meanwhile (a focused button
// that is disabled drops the keyboard's focus to the page's top).
function recheckUnknownPrice() {
  const quote = state.lastCheck && state.lastCheck.quote;
  if (!quote || quote.known || state.checkPending) return;
  clearTimeout(checkTimer);
  checkTimer = setTimeout(runCheck, 120);
}

async function copy(text, label) {
  if (!text) return;
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    const area = el('textarea', { className: 'visually-hidden' });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  $('copy-status').textContent = label + ' copied';
}

async function start() {
  setupImages();
  const result = await api('/api/models');
  if (!result.ok) {
    // A route file that became unusable is named with what is wrong in it: fixed, a reload shows the models.
    const error = result.body && result.body.error;
    $('model-note').textContent = 'The models could not be loaded' + (error ? ': ' + error.message
      + (error.next ? ' — ' + error.next : '') : '') + '; reload the page.';
    return;
  }
  state.provider = result.body.provider;
  state.maxUploadBytes = result.body.max_upload_bytes;
  $('provider').textContent = 'Provider: ' + state.provider;
  fillModels(result.body.models, result.body.default_model);
  // The prompt starts as the user left it (empty on a fresh page, its placeholder an example): the page never fills in
  // text of its own, which Generate would pay for.
  renderModel(null);
  $('model').addEventListener('change', () => { renderModel(null); recheckFullSlot(); scheduleCheck(); });
  $('mode').addEventListener('change', () => { renderImagesRule(); scheduleCheck(); });
  $('prompt').addEventListener('input', () => { quickPromptEdited(); renderCounter(); scheduleCheck(); });
  $('videos').addEventListener('input', () => { renderRatioField(model()); scheduleCheck(); });
  $('seconds-options').addEventListener('change', () => { setLiveText('seconds-changed', ''); scheduleCheck(); });
  $('aspect-ratio').addEventListener('change', scheduleCheck);
  $('resolution').addEventListener('change', scheduleCheck);
  for (const chip of document.querySelectorAll('.chip')) chip.addEventListener('click', () => useQuickPrompt(chip));
  $('prompt-undo').addEventListener('click', undoQuickPrompt);
  // Only the Generate button generates: Enter in a field submits the form, which does nothing.
  $('job-form').addEventListener('submit', (event) => event.preventDefault());
  $('generate').addEventListener('click', () => generate(false));
  $('again-yes').addEventListener('click', () => generate(true));
  $('again-no').addEventListener('click', cancelAgain);
  // Escape answers the question as Cancel does: nothing is sent.
  $('again-confirm').addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || $('again-confirm').hidden) return;
    event.preventDefault();
    event.stopPropagation();
    cancelAgain();
  });
  $('copy-command').addEventListener('click', () => copy($('command-text').textContent, 'vidgen command'));
  $('copy-curl').addEventListener('click', () => copy($('curl-text').textContent, 'cURL command'));
  scheduleCheck();
  loadBalance();
  await loadHistory();
  connectEvents();
  setInterval(tickElapsed, 1000);
  setInterval(loadBalance, 60000);
  document.body.dataset.ready = 'true';
}

document.addEventListener('DOMContentLoaded', start);
