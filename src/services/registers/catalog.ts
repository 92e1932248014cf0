// Every register the bot can print, by name. Adding a book: a module in books/ and a line here.
import { BOOK_NAMES, type BookName } from '../../domain/registers/book-names.ts';
import type { BookDefinition } from './book.ts';
import { activityBook } from './books/activity-book.ts';
import { activityForm } from './books/activity-form-book.ts';
import { attendanceBook } from './books/attendance-book.ts';
import { handbook } from './books/handbook.ts';
import { meetingBook } from './books/meeting-book.ts';
import { receptionBook } from './books/reception-book.ts';
import { suggestionBook } from './books/suggestion-book.ts';
import { transferBook } from './books/transfer-book.ts';
import { visitBook } from './books/visit-book.ts';

const BOOKS: Record<BookName, BookDefinition> = {
  会议登记簿: meetingBook,
  活动登记簿: activityBook,
  考勤簿: attendanceBook,
  接待登记簿: receptionBook,
  建议登记簿: suggestionBook,
  走访登记簿: visitBook,
  转办簿: transferBook,
  履职手册: handbook,
  活动登记表: activityForm,
};

export function bookNamed(name: BookName): BookDefinition {
  return BOOKS[name];
}

/** Every book, in the order of the contract's list (`--book all`). */
export function allBooks(): BookDefinition[] {
  return BOOK_NAMES.map((n) => BOOKS[n]);
}
