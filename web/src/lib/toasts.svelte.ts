// Short confirmations and failures that do not deserve a page of their own ("Link copied").
// ToastRegion.svelte shows them in a polite live region; errors stay until dismissed.

export type ToastTone = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
}

export class Toasts {
  items = $state<Toast[]>([]);
  #nextId = 1;

  show(message: string, tone: ToastTone = 'info', durationMs = tone === 'error' ? 0 : 5000): number {
    const id = this.#nextId++;
    this.items.push({ id, message, tone });
    // Dismissing an already dismissed toast is harmless, so the timer never needs cancelling.
    if (durationMs > 0) setTimeout(() => this.dismiss(id), durationMs);
    return id;
  }

  success(message: string): number {
    return this.show(message, 'success');
  }

  error(message: string): number {
    return this.show(message, 'error');
  }

  dismiss(id: number): void {
    this.items = this.items.filter((toast) => toast.id !== id);
  }
}

export const toasts = new Toasts();
