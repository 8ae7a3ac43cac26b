// A new campaign: a JSON spec editor prefilled from the API's own examples (the OpenAPI document), the parameter
// catalogue of the chosen model family beside it, and the API's 400 field errors marked in the editor's gutter on the
// line of their field and listed beside it, each selecting its field in the text.
import {ApiError, get, post} from '../api.js';
import {h, num, replace} from '../dom.js';

async function examples() {
  try {
    const doc = await get('/q/openapi?format=json');
    const media = doc.paths['/api/v1/campaigns'].post.requestBody.content['application/json'];
    return Object.entries(media.examples || {}).map(([name, e]) => ({name, summary: e.summary || name,
      value: typeof e.value === 'string' ? JSON.parse(e.value) : e.value}));
  } catch (e) {
    return [];
  }
}

/** Where a field error's path (budget.maxTrials, searchSpace.units.low) names a key in the text, if it does. */
function locate(text, field) {
  let from = 0;
  for (const part of field.replace(/\[\d+\]/g, '').split('.').filter(Boolean)) {
    const at = text.indexOf(`"${part}"`, from);
    if (at < 0) {
      return null;
    }
    from = at;
  }
  const last = field.split('.').pop().replace(/\[\d+\]/g, '');
  return last ? {start: from, end: from + last.length + 2} : null;
}

function range(p) {
  if (p.allowed && p.allowed.length) {
    return p.allowed.join(', ');
  }
  return `${p.kind} ${p.min === null ? '' : num(p.min)}–${p.max === null ? '' : num(p.max)}`;
}

export async function render(main) {
  const [known, families] = await Promise.all([examples(), get('/api/v1/model-families')]);
  // Lines do not wrap, so that the gutter's line n stays beside the text's line n.
  const editor = h('textarea', {id: 'spec', spellcheck: 'false', rows: 26, wrap: 'off',
    'aria-label': 'Campaign spec (JSON)'});
  const gutter = h('pre', {id: 'spec-gutter', class: 'gutter', 'aria-hidden': 'true'});
  const pick = h('select', {id: 'example', 'aria-label': 'Start from example'},
    known.map((e, i) => h('option', {value: i}, e.summary)));
  const family = h('select', {id: 'family', 'aria-label': 'Model family'},
    families.map(f => h('option', {value: f.name}, f.name)));
  const errors = h('ul', {id: 'field-errors', class: 'errors', 'aria-live': 'polite'});
  const message = h('p', {id: 'submit-message', class: 'muted'});
  const catalogue = h('tbody');

  /** Line numbers beside the text; {@code marks} maps a line (from 1) to the errors of the fields on it. */
  function drawGutter(marks = new Map()) {
    const lines = editor.value.split('\n').length;
    replace(gutter, Array.from({length: lines}, (_, i) => {
      const problems = marks.get(i + 1);
      return problems
        ? h('span', {class: 'mark', 'data-line': i + 1, title: problems.join('\n')}, `\u25b6${i + 1}\n`)
        : `${i + 1}\n`;
    }));
    gutter.scrollTop = editor.scrollTop;
  }

  function lineOf(offset) {
    return editor.value.slice(0, offset).split('\n').length;
  }

  editor.addEventListener('input', () => drawGutter());
  editor.addEventListener('scroll', () => { gutter.scrollTop = editor.scrollTop; });

  function showFamily() {
    const f = families.find(x => x.name === family.value);
    replace(catalogue, f ? f.parameters.map(p => h('tr', {},
      h('td', {}, h('code', {}, p.name)), h('td', {}, range(p)),
      h('td', {}, p.defaultValue === null ? '–' : String(p.defaultValue)), h('td', {class: 'small'}, p.description))) : []);
  }

  function load(i) {
    const e = known[i];
    editor.value = e ? JSON.stringify(e.value, null, 2) : '{\n}';
    if (e && e.value.modelFamily) {
      family.value = e.value.modelFamily;
    }
    showFamily();
    replace(errors);
    drawGutter();
  }

  pick.addEventListener('change', () => load(Number(pick.value)));
  family.addEventListener('change', () => {
    showFamily();
    try {
      const spec = JSON.parse(editor.value);
      if (spec.evaluation !== 'external') {
        spec.modelFamily = family.value;
        editor.value = JSON.stringify(spec, null, 2);
        drawGutter();
      }
    } catch (e) {
      // the user is mid-edit: leave the text alone
    }
  });

  async function submit(event) {
    event.preventDefault();
    replace(errors);
    drawGutter();
    message.textContent = 'Submitting…';
    try {
      const ref = await post('/api/v1/campaigns', editor.value);
      message.textContent = `Stored ${ref.id}`;
      location.hash = `#/campaigns/${encodeURIComponent(ref.id)}`;
    } catch (e) {
      if (!(e instanceof ApiError)) {
        throw e;
      }
      message.textContent = e.message;
      const fieldErrors = e.body.fieldErrors || [];
      const marks = new Map();
      for (const fe of fieldErrors) {
        const at = locate(editor.value, fe.field);
        const line = at ? lineOf(at.start) : 1; // an error of the body as a whole, or of a field not written
        marks.set(line, [...(marks.get(line) || []), `${fe.field || '(body)'}: ${fe.message}`]);
      }
      drawGutter(marks);
      replace(errors, fieldErrors.map(fe => {
        const at = locate(editor.value, fe.field);
        return h('li', {'data-field': fe.field},
          h('button', {type: 'button', class: 'link', title: at ? 'select it in the spec' : null, onclick: () => {
            if (at) {
              editor.focus();
              editor.setSelectionRange(at.start, at.end);
            }
          }}, h('code', {}, fe.field || '(body)')), ' ', fe.message);
      }));
    }
  }

  main.append(h('h1', {}, 'New campaign'),
    h('form', {id: 'submit-form', class: 'submit', onsubmit: submit},
      h('div', {class: 'bar'}, h('label', {}, 'Start from ', pick), h('label', {}, 'Model family ', family),
        h('button', {type: 'submit', id: 'submit'}, 'Submit')),
      h('div', {class: 'editor'}, h('div', {class: 'code'}, gutter, editor), h('aside', {}, h('h2', {}, 'Field errors'), message, errors))),
    h('h2', {}, 'Parameters of the family'),
    h('div', {class: 'scroll'}, h('table', {class: 'grid', id: 'catalogue'},
      h('thead', {}, h('tr', {}, ['parameter', 'values', 'default', 'what'].map(t => h('th', {}, t)))), catalogue)));
  load(0);
  return {};
}
