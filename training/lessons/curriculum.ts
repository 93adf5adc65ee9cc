/**
 * The curriculum's source: one pack per Brazilian pattern, as text. `npm run lessons` turns it into the
 * JSON packs in src/lessons/packs/, filling every word's phones from CMUdict (the first pronunciation
 * unless makePacks.ts names another), so the app needs no dictionary for lesson items.
 * Words are plain words, pairs are "target/partner", sentences are short phrases.
 */
import type { PatternId } from '../../src/lessons/tips';

export interface SourcePack {
  readonly pattern: PatternId;
  readonly focus: readonly string[];
  readonly title: { readonly 'pt-BR': string; readonly en: string };
  readonly intro: { readonly 'pt-BR': string; readonly en: string };
  readonly words: readonly string[];
  readonly pairs: readonly string[];
  readonly sentences: readonly string[];
}

export const CURRICULUM: readonly SourcePack[] = [
  {
    pattern: 'TH',
    focus: ['TH'],
    title: { 'pt-BR': 'O "th" de "think"', en: 'The "th" in "think"' },
    intro: { 'pt-BR': 'Em português não existe este som; ele costuma virar "t", "f" ou "s".', en: 'Portuguese has no such sound; it tends to become "t", "f" or "s".' },
    words: ['three', 'think', 'thank', 'thin', 'thought', 'bath', 'math', 'mouth', 'tooth', 'both', 'north', 'month', 'nothing', 'birthday'],
    pairs: ['three/tree', 'think/sink', 'thin/tin', 'thank/tank', 'thought/taught', 'math/mass', 'path/pass', 'three/free', 'thick/sick', 'faith/face'],
    sentences: ['thank you', 'I think so', 'three thin things', 'both of them are thirty'],
  },
  {
    pattern: 'DH',
    focus: ['DH'],
    title: { 'pt-BR': 'O "th" de "this"', en: 'The "th" in "this"' },
    intro: { 'pt-BR': 'O "th" com voz costuma virar "d" ou "z".', en: 'The voiced "th" tends to become "d" or "z".' },
    words: ['this', 'that', 'they', 'then', 'there', 'those', 'mother', 'father', 'brother', 'weather', 'breathe', 'other'],
    pairs: ['then/den', 'they/day', 'those/doze', 'there/dare', 'breathe/breeze', 'though/dough', 'than/dan', 'thy/die', 'lather/ladder', 'seethe/seize'],
    sentences: ['this is my brother', 'they are over there', 'the other one', 'is that your mother'],
  },
  {
    pattern: 'IH_IY',
    focus: ['IH', 'IY'],
    title: { 'pt-BR': '"ship" e "sheep"', en: '"ship" and "sheep"' },
    intro: { 'pt-BR': 'O inglês separa um "i" curto e relaxado de um "i" longo e tenso.', en: 'English tells a short, relaxed "i" from a long, tense "ee".' },
    words: ['ship', 'sheep', 'sit', 'seat', 'live', 'leave', 'fill', 'feel', 'bit', 'beat', 'big', 'green'],
    pairs: ['ship/sheep', 'sit/seat', 'live/leave', 'fill/feel', 'hit/heat', 'bit/beat', 'chip/cheap', 'slip/sleep', 'fit/feet', 'still/steal'],
    sentences: ['sit in this seat', 'we will leave', 'his feet are big', 'the sheep is on the ship'],
  },
  {
    pattern: 'AE_EH',
    focus: ['AE', 'EH'],
    title: { 'pt-BR': '"bad" e "bed"', en: '"bad" and "bed"' },
    intro: { 'pt-BR': 'O "a" de "bad" é mais aberto que o nosso "é".', en: 'The "a" in "bad" is more open than "e".' },
    words: ['bad', 'man', 'cat', 'black', 'hand', 'back', 'happy', 'apple', 'bed', 'men', 'said', 'pen'],
    pairs: ['bad/bed', 'man/men', 'sad/said', 'pan/pen', 'bag/beg', 'had/head', 'sat/set', 'mat/met', 'bat/bet', 'laughed/left'],
    sentences: ['the man had a bad day', 'a black cat', 'pass me the pen', 'that bag is bad'],
  },
  {
    pattern: 'UH_UW',
    focus: ['UH', 'UW'],
    title: { 'pt-BR': '"full" e "fool"', en: '"full" and "fool"' },
    intro: { 'pt-BR': 'O "u" curto de "full" é diferente do "u" longo de "fool".', en: 'The short "u" in "full" differs from the long "oo" in "fool".' },
    words: ['full', 'pull', 'look', 'book', 'good', 'foot', 'could', 'should', 'fool', 'pool', 'food', 'moon'],
    pairs: ['full/fool', 'pull/pool', 'look/luke', 'could/cooed', 'would/wooed', 'should/shooed', 'hood/who\'d', 'stood/stewed', 'cookie/kooky', 'soot/suit'],
    sentences: ['look at the book', 'it is a good pool', 'the moon is full', 'you should cook'],
  },
  {
    pattern: 'AH_AA',
    focus: ['AH', 'AA'],
    title: { 'pt-BR': '"cut" e "cot"', en: '"cut" and "cot"' },
    intro: { 'pt-BR': 'O "u" de "cut" é um som curto e central, não um "á" aberto.', en: 'The "u" in "cut" is short and central, not an open "ah".' },
    words: ['cut', 'luck', 'cup', 'bus', 'fun', 'sun', 'love', 'mother', 'cot', 'lock', 'hot', 'stop'],
    pairs: ['cut/cot', 'luck/lock', 'duck/dock', 'cup/cop', 'hut/hot', 'nut/not', 'shut/shot', 'rub/rob', 'bucks/box', 'gun/gone'],
    sentences: ['good luck', 'a cup of hot tea', 'shut the door', 'run for the bus'],
  },
  {
    pattern: 'R_HH',
    focus: ['R', 'HH'],
    title: { 'pt-BR': 'O "r" inglês', en: 'The English "r"' },
    intro: { 'pt-BR': 'O "r" forte do português ("rato") soa como "h" para um ouvido inglês.', en: 'The Portuguese strong "r" ("rato") sounds like "h" to English ears.' },
    words: ['right', 'red', 'read', 'run', 'road', 'room', 'rain', 'very', 'sorry', 'hat', 'house', 'happy'],
    pairs: ['right/height', 'red/head', 'rat/hat', 'rope/hope', 'row/hoe', 'rare/hair', 'rid/hid', 'ram/ham', 'rose/hose', 'rot/hot'],
    sentences: ['read the red book', 'run in the rain', 'I am sorry', 'the room is ready'],
  },
  {
    pattern: 'T_D_PALATAL',
    focus: ['T', 'D'],
    title: { 'pt-BR': '"t" e "d" antes de "i"', en: '"t" and "d" before "ee"' },
    intro: { 'pt-BR': 'Antes de "i", o português faz "tch" e "dj" ("tia", "dia"); o inglês mantém "t" e "d".', en: 'Before "ee", Brazilians say "ch" and "j" ("tia", "dia"); English keeps "t" and "d".' },
    words: ['team', 'tea', 'teen', 'ticket', 'tip', 'city', 'party', 'deep', 'dinner', 'did', 'body', 'ready'],
    pairs: ['tip/chip', 'tin/chin', 'tease/cheese', 'teeth/cheat', 'deep/jeep', 'dean/jean', 'dim/gym', 'deer/jeer', 'till/chill', 'tick/chick'],
    sentences: ['a cup of tea', 'the city team', 'did you eat dinner', 'a party ticket'],
  },
  {
    pattern: 'FINAL_VOWEL',
    focus: [],
    title: { 'pt-BR': 'Terminar na consoante', en: 'Ending on the consonant' },
    intro: { 'pt-BR': 'Em português quase toda palavra termina em vogal, e por isso aparece um "i" no fim: "bigui", "dogui".', en: 'Portuguese words nearly all end in a vowel, so Brazilians add an "i": "bigee", "dogee".' },
    words: ['big', 'dog', 'book', 'cat', 'stop', 'club', 'love', 'cake', 'black', 'bag', 'bed', 'job', 'good', 'like'],
    pairs: [],
    sentences: ['a big dog', 'I like that club', 'stop the bus', 'a good job'],
  },
];
