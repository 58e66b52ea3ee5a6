import { createRawSnippet, flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Tabs from './Tabs.svelte';

const TABS = [
  { id: 'mon', label: 'Monday' },
  { id: 'tue', label: 'Tuesday' },
  { id: 'wed', label: 'Wednesday' },
];

describe('<Tabs>', () => {
  let component: ReturnType<typeof mount> | undefined;

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
  });

  function render(onchange = vi.fn()) {
    const panel = createRawSnippet((id: () => string) => ({
      render: () => '<p class="panel-text"></p>',
      setup: (node: Element) => {
        $effect(() => {
          node.textContent = `Panel ${id()}`;
        });
      },
    }));
    component = mount(Tabs, {
      target: document.body,
      props: { label: 'Days', tabs: TABS, selected: 'mon', onchange, children: panel },
    });
    flushSync();
    const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    const press = (key: string): void => {
      (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      flushSync();
    };
    const selected = (): string | undefined => tabs.find((tab) => tab.ariaSelected === 'true')?.textContent?.trim();
    return { tabs, press, selected, onchange };
  }

  it('is a named tab list whose only tab in the Tab order is the selected one', () => {
    const { tabs } = render();
    expect(document.querySelector('[role="tablist"]')?.getAttribute('aria-label')).toBe('Days');
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([0, -1, -1]);
    const panel = document.querySelector('[role="tabpanel"]');
    expect(panel?.getAttribute('aria-labelledby')).toBe(tabs[0]?.id);
    expect(panel?.textContent).toBe('Panel mon');
  });

  it('moves to and selects the next and previous tab with the arrow keys, wrapping around', () => {
    const { tabs, press, selected, onchange } = render();
    tabs[0]?.focus();

    press('ArrowRight');
    expect(selected()).toBe('Tuesday');
    expect(document.activeElement).toBe(tabs[1]);
    expect(onchange).toHaveBeenLastCalledWith('tue');
    expect(document.querySelector('[role="tabpanel"]')?.textContent).toBe('Panel tue');

    press('ArrowLeft');
    press('ArrowLeft');
    expect(selected()).toBe('Wednesday');
    expect(document.activeElement).toBe(tabs[2]);

    press('ArrowRight');
    expect(selected()).toBe('Monday');
  });

  it('jumps to the first and last tab with Home and End', () => {
    const { tabs, press, selected } = render();
    tabs[0]?.focus();
    press('End');
    expect(selected()).toBe('Wednesday');
    press('Home');
    expect(selected()).toBe('Monday');
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([0, -1, -1]);
  });

  it('ignores other keys', () => {
    const { tabs, press, selected, onchange } = render();
    tabs[0]?.focus();
    press('a');
    expect(selected()).toBe('Monday');
    expect(onchange).not.toHaveBeenCalled();
  });
});
